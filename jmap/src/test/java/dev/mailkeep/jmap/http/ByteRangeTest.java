// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|100|Whole[]",
        "bytes=0-0|100|Part[first=0, last=0]",
        "bytes=0-99|100|Part[first=0, last=99]",
        "bytes=10-500|100|Part[first=10, last=99]",
        "bytes=90-|100|Part[first=90, last=99]",
        "bytes=-10|100|Part[first=90, last=99]",
        "bytes=-500|100|Part[first=0, last=99]",
        "bytes=100-|100|Unsatisfiable[]",
        "bytes=-0|100|Unsatisfiable[]",
        "bytes=0-|0|Unsatisfiable[]",
        "bytes=5-4|100|Whole[]",
        "bytes=0-1,5-6|100|Whole[]",
        "items=0-1|100|Whole[]",
        "bytes=-|100|Whole[]",
        "bytes=x-1|100|Whole[]",
    })
    void answersEachRangeHeader(String header, long size, String expected) {
        assertEquals(expected, ByteRange.of(header, size).toString());
    }
}
