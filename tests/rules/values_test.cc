// NormalizeDate and NormalizeMoney.
#include <doctest/doctest.h>

#include "rules/rule_set.h"

namespace relata::rules {
namespace {

using Attrs = std::map<std::string, std::string>;

TEST_SUITE("rules") {

TEST_CASE("absolute dates normalize to ISO with the precision given") {
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "2"}, {"day", "29"}}, "") == "2024-02-29");
  CHECK(NormalizeDate({{"year", "2024년"}, {"month", "2월"}, {"day", "29일"}}, "") == "2024-02-29");
  CHECK(NormalizeDate({{"year", "2013"}, {"month", "6"}}, "") == "2013-06");
  CHECK(NormalizeDate({{"year", "2013"}}, "") == "2013");
  CHECK(NormalizeDate({{"year", "'24"}, {"month", "1"}}, "") == "2024-01");
  // Impossible dates are not guessed.
  CHECK(NormalizeDate({{"year", "2023"}, {"month", "2"}, {"day", "29"}}, "") == "");
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "13"}}, "") == "");
}

TEST_CASE("English month names and abbreviations are months") {
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "March"}, {"day", "1"}}, "") == "2024-03-01");
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "Sept."}, {"day", "9"}}, "") == "2024-09-09");
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "dec"}}, "") == "2024-12");
  CHECK(NormalizeDate({{"year", "2024"}, {"month", "Ma"}}, "") == "");
}

TEST_CASE("relative dates resolve against the anchor") {
  CHECK(NormalizeDate({{"relative", "-1d"}}, "2024-02-29") == "2024-02-28");
  CHECK(NormalizeDate({{"relative", "-1d"}}, "2024-03-01") == "2024-02-29");
  CHECK(NormalizeDate({{"relative", "0d"}}, "2024-02-29") == "2024-02-29");
  CHECK(NormalizeDate({{"relative", "+1y"}}, "2013-06-15") == "2014");
  CHECK(NormalizeDate({{"relative", "+1y"}, {"month", "10"}}, "2013-06-15") == "2014-10");
  CHECK(NormalizeDate({{"relative", "-1m"}}, "2024-01-10") == "2023-12");
  CHECK(NormalizeDate({{"relative", "-1w"}}, "2024-03-05") == "2024-02-27");
  // 2024-02-29 is a Thursday: last Tuesday is the 27th, next Tuesday the 5th.
  CHECK(NormalizeDate({{"relative", "weekday:-tue"}}, "2024-02-29") == "2024-02-27");
  CHECK(NormalizeDate({{"relative", "weekday:+tue"}}, "2024-02-29") == "2024-03-05");
  CHECK(NormalizeDate({{"relative", "weekday:-thu"}}, "2024-02-29") == "2024-02-22");
  CHECK(NormalizeDate({{"relative", "sometime"}}, "2024-02-29") == "");
}

TEST_CASE("partial dates take the missing units from the anchor, nearest first") {
  CHECK(NormalizeDate({{"day", "29일"}}, "2024-02-29") == "2024-02-29");
  CHECK(NormalizeDate({{"day", "29"}}, "2024-03-01") == "2024-02-29");
  CHECK(NormalizeDate({{"day", "1"}}, "2024-01-31") == "2024-02-01");
  CHECK(NormalizeDate({{"month", "2월"}}, "2024-02-29") == "2024-02");
  CHECK(NormalizeDate({{"month", "12"}}, "2024-01-05") == "2023-12");
  CHECK(NormalizeDate({{"month", "3"}, {"day", "1"}}, "2024-02-29") == "2024-03-01");
}

TEST_CASE("without an anchor relative and partial dates are not guessed") {
  CHECK(NormalizeDate({{"relative", "-1d"}}, "") == "");
  CHECK(NormalizeDate({{"day", "29"}}, "") == "");
  CHECK(NormalizeDate({{"month", "2"}}, "") == "");
  CHECK(NormalizeDate({{"relative", "-1d"}}, "yesterday") == "");
  CHECK(NormalizeDate({{"relative", "-1d"}}, "2024-02") == "");
  CHECK(NormalizeDate({}, "2024-02-29") == "");
}

TEST_CASE("Korean money amounts normalize to integer amounts and ISO currencies") {
  CHECK(NormalizeMoney({{"amount", "370"}, {"scale", "억"}, {"currency", "달러"}}) == "37000000000 USD");
  CHECK(NormalizeMoney({{"amount", "370억"}, {"currency", "달러"}}) == "37000000000 USD");
  CHECK(NormalizeMoney({{"amount", "49"}, {"scale", "조"}, {"currency", "원"}}) == "49000000000000 KRW");
  CHECK(NormalizeMoney({{"amount", "1억 2천만"}, {"currency", "원"}}) == "120000000 KRW");
  CHECK(NormalizeMoney({{"amount", "2억5000만"}, {"currency", "원"}}) == "250000000 KRW");
  CHECK(NormalizeMoney({{"amount", "1,500"}, {"scale", "억"}, {"currency", "원"}}) == "150000000000 KRW");
  CHECK(NormalizeMoney({{"amount", "3.5"}, {"scale", "조"}, {"currency", "원"}}) == "3500000000000 KRW");
  CHECK(NormalizeMoney({{"amount", "5만"}, {"currency", "엔"}}) == "50000 JPY");
}

TEST_CASE("English money amounts normalize too") {
  CHECK(NormalizeMoney({{"amount", "37"}, {"scale", "billion"}, {"currency", "$"}}) == "37000000000 USD");
  CHECK(NormalizeMoney({{"amount", "37 billion"}, {"currency", "dollars"}}) == "37000000000 USD");
  CHECK(NormalizeMoney({{"amount", "1.25"}, {"currency", "$"}}) == "1.25 USD");
  CHECK(NormalizeMoney({{"amount", "2.5"}, {"scale", "Million"}, {"currency", "€"}}) == "2500000 EUR");
  CHECK(NormalizeMoney({{"amount", "12,000"}, {"currency", "USD"}}) == "12000 USD");
  CHECK(NormalizeMoney({{"amount", "700"}}) == "700");
}

TEST_CASE("unparsable money gives an empty value") {
  CHECK(NormalizeMoney({}) == "");
  CHECK(NormalizeMoney({{"amount", "약 49"}, {"currency", "원"}}) == "");
  CHECK(NormalizeMoney({{"amount", "1.2.3"}, {"currency", "원"}}) == "");
  CHECK(NormalizeMoney({{"amount", "49"}, {"currency", "조개껍데기"}}) == "");
  CHECK(NormalizeMoney({{"amount", "999999999999999999999999999999"}, {"scale", "경"}}) == "");
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
