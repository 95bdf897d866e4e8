// Normalization of the values entity rules capture: dates to ISO 8601 (with
// relative expressions resolved against an anchor) and money to an integer
// amount plus an ISO 4217 currency code.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>

#include "rules/rule_set.h"
#include "rules/rule_set_internal.h"

namespace relata::rules {
namespace {

// ---------------------------------------------------------------- dates

struct Ymd {
  int y = 0, m = 0, d = 0;  // 0 = unknown
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's algorithm.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Ymd r;
  r.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  r.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  r.y = static_cast<int>(yoe + era * 400 + (r.m <= 2));
  return r;
}

// 0 = Monday .. 6 = Sunday.
int Weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The leading run of ASCII digits as a number, ignoring what follows (2월, 29일,
// 2024년); -1 when there is none or it is absurdly long.
int LeadingNumber(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\'')) ++i;
  size_t j = i;
  while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  if (j == i || j - i > 6) return -1;
  return std::atoi(std::string(s.substr(i, j - i)).c_str());
}

int MonthFromName(std::string_view s) {
  static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  std::string lower = Lower(s);
  while (!lower.empty() && (lower.back() == '.' || lower.back() == ' ')) lower.pop_back();
  while (!lower.empty() && lower.front() == ' ') lower.erase(0, 1);
  if (lower.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    std::string name = kNames[i];
    if (lower == name || (lower.size() >= 3 && name.compare(0, lower.size(), lower) == 0)) return i + 1;
  }
  if (lower == "sept") return 9;
  return 0;
}

int ParseMonth(std::string_view s) {
  int n = LeadingNumber(s);
  if (n >= 0) return n;
  return MonthFromName(s);
}

int ParseYear(std::string_view s) {
  int n = LeadingNumber(s);
  if (n < 0) return -1;
  // '24 and 24년 in two digits: this century.
  size_t digits = 0;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
  if (digits <= 2) n += 2000;
  return n;
}

bool ParseAnchor(const std::string& anchor, Ymd* out) {
  *out = Ymd();
  if (anchor.size() < 4) return false;
  for (size_t i = 0; i < anchor.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? anchor[i] != '-' : !std::isdigit(static_cast<unsigned char>(anchor[i]))) return false;
  }
  if (anchor.size() != 4 && anchor.size() != 7 && anchor.size() != 10) return false;
  out->y = std::atoi(anchor.substr(0, 4).c_str());
  if (anchor.size() >= 7) out->m = std::atoi(anchor.substr(5, 2).c_str());
  if (anchor.size() == 10) out->d = std::atoi(anchor.substr(8, 2).c_str());
  if (out->m != 0 && (out->m < 1 || out->m > 12)) return false;
  if (out->d != 0 && (out->d < 1 || out->d > DaysInMonth(out->y, out->m))) return false;
  return true;
}

std::string Pad(int v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::string Format(int y, int m, int d) {
  if (y < 1 || y > 9999) return "";
  std::string out = Pad(y, 4);
  if (m == 0) return out;
  if (m < 1 || m > 12) return "";
  out += "-" + Pad(m, 2);
  if (d == 0) return out;
  if (d < 1 || d > DaysInMonth(y, m)) return "";
  return out + "-" + Pad(d, 2);
}

void AddMonths(int* y, int* m, int delta) {
  int total = *y * 12 + (*m - 1) + delta;
  *y = total / 12;
  *m = total % 12 + 1;
}

int WeekdayFromName(std::string_view s) {
  static const char* const kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string lower = Lower(s);
  for (int i = 0; i < 7; ++i)
    if (lower.compare(0, 3, kNames[i]) == 0) return i;
  static const char* const kKorean[] = {"월", "화", "수", "목", "금", "토", "일"};
  for (int i = 0; i < 7; ++i)
    if (std::string(s).rfind(kKorean[i], 0) == 0) return i;
  return -1;
}

// Resolves `relative` against the anchor; fills *out and the precision
// ('y', 'm' or 'd'). False when it cannot be resolved.
bool ResolveRelative(const std::string& relative, const Ymd& anchor, Ymd* out, char* precision) {
  std::string rel = Lower(relative);
  if (rel.rfind("weekday:", 0) == 0) {
    if (anchor.d == 0) return false;
    std::string spec = rel.substr(8);
    int sign = 0;
    if (!spec.empty() && (spec[0] == '-' || spec[0] == '+')) {
      sign = spec[0] == '-' ? -1 : 1;
      spec.erase(0, 1);
    }
    int wd = WeekdayFromName(spec);
    if (wd < 0) return false;
    int64_t day = DaysFromCivil(anchor.y, anchor.m, anchor.d);
    int now = Weekday(day);
    int64_t target;
    if (sign > 0) {
      int ahead = (wd - now + 7) % 7;
      target = day + (ahead == 0 ? 7 : ahead);
    } else if (sign < 0) {
      int back = (now - wd + 7) % 7;
      target = day - (back == 0 ? 7 : back);
    } else {
      target = day - (now - wd + 7) % 7;  // the most recent such day, today included
    }
    *out = CivilFromDays(target);
    *precision = 'd';
    return true;
  }
  if (rel.size() < 2) return false;
  char unit = rel.back();
  std::string number = rel.substr(0, rel.size() - 1);
  if (number.empty()) return false;
  char* end = nullptr;
  long n = std::strtol(number.c_str(), &end, 10);
  if (*end != '\0' || n < -100000 || n > 100000) return false;
  switch (unit) {
    case 'd':
    case 'w': {
      if (anchor.d == 0) return false;
      int64_t day = DaysFromCivil(anchor.y, anchor.m, anchor.d) + (unit == 'w' ? 7 * n : n);
      *out = CivilFromDays(day);
      *precision = 'd';
      return true;
    }
    case 'm': {
      if (anchor.m == 0) return false;
      int y = anchor.y, m = anchor.m;
      AddMonths(&y, &m, static_cast<int>(n));
      *out = {y, m, 0};
      *precision = 'm';
      return true;
    }
    case 'y':
      if (anchor.y == 0) return false;
      *out = {anchor.y + static_cast<int>(n), 0, 0};
      *precision = 'y';
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------- money

__extension__ typedef unsigned __int128 Fixed;  // value * 10^6
constexpr uint64_t kFixedScale = 1000000;
const Fixed kFixedLimit = static_cast<Fixed>(1) << 120;

bool ParseDecimal(std::string_view s, Fixed* out) {
  Fixed integer = 0, fraction = 0;
  uint64_t fraction_scale = 1;
  bool seen_digit = false, seen_point = false;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.') {
      if (seen_point) return false;
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    seen_digit = true;
    if (seen_point) {
      if (fraction_scale < kFixedScale) {
        fraction = fraction * 10 + (c - '0');
        fraction_scale *= 10;
      }
    } else {
      integer = integer * 10 + (c - '0');
      if (integer > kFixedLimit / kFixedScale) return false;
    }
  }
  if (!seen_digit) return false;
  *out = integer * kFixedScale + fraction * (kFixedScale / fraction_scale);
  return true;
}

// Korean and English number words and their multipliers.
struct Unit {
  const char* text;
  uint64_t value;
  bool big;  // closes a four-digit section (만, 억, 조, 경) or is an English scale
};

const Unit kUnits[] = {
    {"십", 10, false},
    {"백", 100, false},
    {"천", 1000, false},
    {"만", 10000ULL, true},
    {"억", 100000000ULL, true},
    {"조", 1000000000000ULL, true},
    {"경", 10000000000000000ULL, true},
    {"thousand", 1000ULL, true},
    {"million", 1000000ULL, true},
    {"billion", 1000000000ULL, true},
    {"trillion", 1000000000000ULL, true},
    {"mn", 1000000ULL, true},
    {"bn", 1000000000ULL, true},
    {"tn", 1000000000000ULL, true},
};

// Parses "370", "1,500", "1.5", "370억", "1억 2천만", "2억5000만", "37 billion".
bool ParseAmount(std::string_view s, Fixed* out) {
  Fixed total = 0, section = 0, pending = 0;
  bool has_pending = false, any = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == ',' || s[j] == '.')) ++j;
      Fixed n;
      if (!ParseDecimal(s.substr(i, j - i), &n)) return false;
      if (has_pending) section += pending;
      pending = n;
      has_pending = any = true;
      i = j;
      continue;
    }
    const Unit* unit = nullptr;
    std::string rest = Lower(s.substr(i));
    for (const Unit& u : kUnits) {
      size_t len = std::char_traits<char>::length(u.text);
      if (rest.compare(0, len, u.text) == 0) {
        // English words must end at a word boundary ("bn" not in "bnx").
        if (std::isalpha(static_cast<unsigned char>(u.text[0])) && len < rest.size() &&
            std::isalpha(static_cast<unsigned char>(rest[len])))
          continue;
        unit = &u;
        i += len;
        break;
      }
    }
    if (unit == nullptr) return false;
    any = true;
    if (!unit->big) {
      section += (has_pending ? pending : kFixedScale) * unit->value;
    } else if (std::isalpha(static_cast<unsigned char>(unit->text[0]))) {
      // English scales multiply everything before them: "1.5 billion"; alone
      // ("billion" as a scale attribute) they stand for one.
      Fixed base = total + section + (has_pending ? pending : 0);
      if (base == 0 && !has_pending) base = kFixedScale;
      total = base * unit->value;
      section = 0;
    } else {
      Fixed block = section + (has_pending ? pending : 0);
      if (block == 0) block = kFixedScale;  // "만 원"
      total += block * unit->value;
      section = 0;
    }
    has_pending = false;
    if (total > kFixedLimit || section > kFixedLimit) return false;
  }
  if (!any) return false;
  total += section + (has_pending ? pending : 0);
  if (total > kFixedLimit) return false;
  *out = total;
  return true;
}

std::string FixedToString(Fixed v) {
  Fixed integer = v / kFixedScale;
  uint64_t fraction = static_cast<uint64_t>(v % kFixedScale);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(integer % 10)));
    integer /= 10;
  } while (integer > 0);
  if (fraction != 0) {
    std::string f = Pad(static_cast<int>(fraction), 6);
    while (!f.empty() && f.back() == '0') f.pop_back();
    digits += "." + f;
  }
  return digits;
}

std::string CurrencyCode(std::string_view text) {
  std::string s = Lower(text);
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  static const std::pair<const char*, const char*> kCodes[] = {
      {"원", "KRW"},   {"won", "KRW"},     {"krw", "KRW"},     {"₩", "KRW"},      {"원화", "KRW"},
      {"달러", "USD"}, {"$", "USD"},       {"us$", "USD"},     {"usd", "USD"},    {"dollar", "USD"},
      {"dollars", "USD"}, {"미국달러", "USD"}, {"유로", "EUR"}, {"€", "EUR"},      {"eur", "EUR"},
      {"euro", "EUR"}, {"euros", "EUR"},   {"엔", "JPY"},      {"엔화", "JPY"},   {"¥", "JPY"},
      {"jpy", "JPY"},  {"yen", "JPY"},     {"위안", "CNY"},    {"cny", "CNY"},    {"yuan", "CNY"},
      {"rmb", "CNY"},  {"파운드", "GBP"},  {"£", "GBP"},       {"gbp", "GBP"},    {"pound", "GBP"},
      {"pounds", "GBP"}};
  for (const auto& [name, code] : kCodes)
    if (s == name) return code;
  // Three ASCII letters read as an ISO code already.
  if (s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    std::string upper = s;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  }
  return "";
}

const std::string* Find(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() || it->second.empty() ? nullptr : &it->second;
}

}  // namespace

std::string NormalizeDate(const std::map<std::string, std::string>& attributes, const std::string& anchor_text) {
  Ymd anchor;
  bool has_anchor = ParseAnchor(anchor_text, &anchor);
  int year = -1, month = -1, day = -1;
  if (const std::string* v = Find(attributes, "year")) {
    year = ParseYear(*v);
    if (year <= 0) return "";
  }
  if (const std::string* v = Find(attributes, "month")) {
    month = ParseMonth(*v);
    if (month < 1 || month > 12) return "";
  }
  if (const std::string* v = Find(attributes, "day")) {
    day = LeadingNumber(*v);
    if (day < 1 || day > 31) return "";
  }

  if (const std::string* rel = Find(attributes, "relative")) {
    if (!has_anchor) return "";
    Ymd base;
    char precision = 'd';
    if (!ResolveRelative(*rel, anchor, &base, &precision)) return "";
    if (precision == 'd') return Format(base.y, base.m, base.d);
    // "이듬해 10월", "지난달 15일": the relative part fixes the larger units.
    if (precision == 'y') {
      if (month < 0) return Format(base.y, 0, 0);
      return Format(base.y, month, day < 0 ? 0 : day);
    }
    return Format(base.y, base.m, day < 0 ? 0 : day);
  }

  if (year > 0) {
    if (month < 0) return Format(year, 0, 0);
    return Format(year, month, day < 0 ? 0 : day);
  }
  // No year: take the missing larger units from the anchor, choosing the
  // neighbouring month or year that puts the date closest to the anchor
  // ("29일" in an article of 1 March is 29 February).
  if (!has_anchor) return "";
  if (month > 0) {
    if (anchor.m == 0) return Format(anchor.y, month, day < 0 ? 0 : day);
    int best_year = anchor.y;
    int64_t best = -1;
    for (int y = anchor.y - 1; y <= anchor.y + 1; ++y) {
      int64_t distance;
      if (day > 0 && anchor.d > 0) {
        if (day > DaysInMonth(y, month)) continue;
        distance = std::llabs(DaysFromCivil(y, month, day) - DaysFromCivil(anchor.y, anchor.m, anchor.d));
      } else {
        distance = std::llabs(static_cast<int64_t>(y * 12 + month) - (anchor.y * 12 + anchor.m));
      }
      if (best < 0 || distance < best) {
        best = distance;
        best_year = y;
      }
    }
    return Format(best_year, month, day < 0 ? 0 : day);
  }
  if (day > 0) {
    if (anchor.m == 0) return "";
    if (anchor.d == 0) return Format(anchor.y, anchor.m, day);
    int64_t anchor_days = DaysFromCivil(anchor.y, anchor.m, anchor.d);
    std::string best_text;
    int64_t best = -1;
    for (int delta = -1; delta <= 1; ++delta) {
      int y = anchor.y, m = anchor.m;
      AddMonths(&y, &m, delta);
      if (day > DaysInMonth(y, m)) continue;
      int64_t distance = std::llabs(DaysFromCivil(y, m, day) - anchor_days);
      if (best < 0 || distance < best) {
        best = distance;
        best_text = Format(y, m, day);
      }
    }
    return best_text;
  }
  return "";
}

std::string NormalizeMoney(const std::map<std::string, std::string>& attributes) {
  const std::string* amount_text = Find(attributes, "amount");
  if (amount_text == nullptr) return "";
  Fixed amount;
  if (!ParseAmount(*amount_text, &amount)) return "";
  if (const std::string* scale = Find(attributes, "scale")) {
    Fixed multiplier;
    // A scale is a unit phrase without a number ("억", "천만", "billion").
    if (!ParseAmount(*scale, &multiplier)) return "";
    if (multiplier != 0 && amount / kFixedScale > kFixedLimit / multiplier) return "";
    amount = amount / kFixedScale * multiplier + (amount % kFixedScale) * multiplier / kFixedScale;
  }
  if (amount > kFixedLimit) return "";
  std::string value = FixedToString(amount);
  if (const std::string* currency = Find(attributes, "currency")) {
    std::string code = CurrencyCode(*currency);
    if (code.empty()) return "";
    value += " " + code;
  }
  return value;
}

namespace internal {

std::map<std::string, std::string> DateAttributesFromText(std::string_view text) {
  std::map<std::string, std::string> attrs;
  std::vector<std::string> numbers;
  int named_month = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isdigit(c)) {
      size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      numbers.emplace_back(text.substr(i, j - i));
      i = j;
    } else if (std::isalpha(c)) {
      size_t j = i;
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
      if (named_month == 0) named_month = MonthFromName(text.substr(i, j - i));
      i = j;
    } else {
      ++i;
    }
  }
  size_t year_at = numbers.size();
  for (size_t k = 0; k < numbers.size(); ++k)
    if (numbers[k].size() == 4) {
      year_at = k;
      break;
    }
  if (year_at == numbers.size()) return attrs;
  attrs["year"] = numbers[year_at];
  if (named_month > 0) {
    attrs["month"] = std::to_string(named_month);
    for (size_t k = 0; k < numbers.size(); ++k)
      if (k != year_at && numbers[k].size() <= 2) {
        attrs["day"] = numbers[k];
        break;
      }
    return attrs;
  }
  if (year_at == 0) {  // 2024-02-29, 2024.02.29, 2024년 2월 29일
    if (numbers.size() > 1) attrs["month"] = numbers[1];
    if (numbers.size() > 2) attrs["day"] = numbers[2];
  } else if (year_at == 2) {  // 29.02.2024 or 02/29/2024
    int a = std::atoi(numbers[0].c_str());
    bool day_first = a > 12;
    attrs["month"] = numbers[day_first ? 1 : 0];
    attrs["day"] = numbers[day_first ? 0 : 1];
  }
  return attrs;
}

}  // namespace internal
}  // namespace relata::rules
