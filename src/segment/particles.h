// Korean particles (josa) and copula endings that glue onto a name inside one
// eojeol: 메타가, 저커버그와, 삼성전자는, 서울에서는, 삼성전자였다.
//
// The list is data, kept in rules/ko/particles.tsv (format in docs/gazetteers.md):
// one particle per line with the condition its first syllable puts on the
// syllable before it:
//   가	vowel        after a syllable without a final consonant (batchim)
//   이	consonant    after a syllable with a batchim
//   로	vowel-or-rieul  after no batchim or a ㄹ batchim (서울로, 메타로)
//   으로	consonant-not-rieul
//   에서	any
// A chain is a sequence of particles (에서+는, 과+의, 으로+부터+는); the first
// particle's condition is checked against the name's last syllable and each
// later one against the previous particle's last syllable. When the name ends in
// a non-Hangul character (TSMC는, Meta가, S24를) no agreement can be checked and
// both allomorphs are accepted.
#ifndef RELATA_SEGMENT_PARTICLES_H_
#define RELATA_SEGMENT_PARTICLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace relata::segment {

class ParticleSet {
 public:
  enum class Condition { kAny, kVowel, kConsonant, kVowelOrRieul, kConsonantNotRieul };

  ParticleSet() = default;

  // Parses the TSV text of a particle file; errors name `file_name`:line. A
  // particle may be listed with several conditions; any one agreeing suffices.
  static StatusOr<ParticleSet> Parse(std::string_view tsv, const std::string& file_name);
  static StatusOr<ParticleSet> LoadFile(const std::string& path);
  // Adds the entries of `other` (several rule directories may each ship a list).
  void Merge(const ParticleSet& other);

  // True when `rest` (the remainder of an eojeol after a name, NFKC or NFKC
  // casefolded, never containing white space) is empty or a whole chain of
  // particles agreeing with `previous` (the last code point of the name).
  bool IsChain(std::string_view rest, char32_t previous) const;

  size_t size() const { return particles_.size(); }
  bool empty() const { return particles_.empty(); }

  struct Particle {
    std::string text;  // UTF-8, NFKC
    Condition condition;
  };
  const std::vector<Particle>& particles() const { return particles_; }

 private:
  std::vector<Particle> particles_;  // sorted by text, then condition; no duplicate pairs
};

// Hangul syllable helpers (U+AC00..U+D7A3).
bool IsHangulSyllable(char32_t c);
bool HasBatchim(char32_t syllable);       // has a final consonant
bool HasRieulBatchim(char32_t syllable);  // final consonant is ㄹ

// Word characters for boundary decisions: letters, marks and digits of any script.
bool IsWordChar(char32_t c);

}  // namespace relata::segment

#endif  // RELATA_SEGMENT_PARTICLES_H_
