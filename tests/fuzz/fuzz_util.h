// Shared helpers for the fuzz targets: a check that aborts with a message
// (libFuzzer and the replay main both treat abort() as a finding), and the
// independent UTF-8 helpers the properties are checked against.
#ifndef RELATA_TESTS_FUZZ_FUZZ_UTIL_H_
#define RELATA_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond, ...)                                              \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                                   \
      std::fprintf(stderr, "\n");                                          \
      std::abort();                                                        \
    }                                                                      \
  } while (0)

namespace relata::fuzz {

inline bool IsContinuationByte(unsigned char b) { return (b & 0xC0) == 0x80; }

// True when `s[i]` starts a code point (or is the end of `s`).
inline bool OnBoundary(std::string_view s, size_t i) {
  return i == 0 || i >= s.size() || !IsContinuationByte(static_cast<unsigned char>(s[i]));
}

// Strict well-formedness by decoding values (not by the byte-range table the
// library uses), so the two implementations check each other.
inline bool IsWellFormedUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned long cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) {
      const unsigned char c = static_cast<unsigned char>(s[i + k]);
      if (!IsContinuationByte(c)) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    static const unsigned long kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace relata::fuzz

#endif  // RELATA_TESTS_FUZZ_FUZZ_UTIL_H_
