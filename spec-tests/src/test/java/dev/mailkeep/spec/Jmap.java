// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static io.restassured.RestAssured.given;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A JMAP client over HTTPS for black-box tests; trusts the server's self-signed certificate. */
public final class Jmap {
    public static final String CORE = "urn:ietf:params:jmap:core";
    public static final String MAIL = "urn:ietf:params:jmap:mail";

    private final String baseUrl;
    private final String user;
    private final String password;

    public Jmap(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    public RequestSpecification request() {
        return given()
                .baseUri(baseUrl)
                .config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .relaxedHTTPSValidation()
                .auth().preemptive().basic(user, password);
    }

    public JsonPath session() {
        return request().get("/jmap/session").then().statusCode(200).extract().jsonPath();
    }

    /** POSTs a JMAP request whose {@code methodCalls} is the given JSON array text. */
    public Response api(String methodCallsJson) {
        String body = "{\"using\":[\"" + CORE + "\",\"" + MAIL + "\"],\"methodCalls\":" + methodCallsJson + "}";
        return request().contentType("application/json").body(body).post("/jmap/api");
    }

    public JsonPath call(String methodCallsJson) {
        return api(methodCallsJson).then().statusCode(200).extract().jsonPath();
    }
}
