#include "segment/particles.h"

#include <doctest/doctest.h>

#include <string>

namespace relata::segment {
namespace {

const ParticleSet& KoreanParticles() {
  static const ParticleSet* set = [] {
    auto loaded = ParticleSet::LoadFile(std::string(RELATA_SOURCE_DIR) + "/rules/ko/particles.tsv");
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().message());
    return new ParticleSet(std::move(loaded).value());
  }();
  return *set;
}

// The last code point of a UTF-8 name, as the matcher passes it.
char32_t Last(const std::string& name) {
  size_t i = name.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) --i;
  const unsigned char b0 = static_cast<unsigned char>(name[i]);
  if (b0 < 0x80) return b0;
  const int n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  char32_t c = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3F);
  return c;
}

// True when `word` splits as `name` followed by a particle chain.
bool Splits(const std::string& name, const std::string& word) {
  REQUIRE(word.compare(0, name.size(), name) == 0);
  return KoreanParticles().IsChain(std::string_view(word).substr(name.size()), Last(name));
}

TEST_SUITE("segment") {

TEST_CASE("Hangul syllable helpers tell batchim, rieul batchim and open syllables apart") {
  CHECK(IsHangulSyllable(U'가'));
  CHECK(IsHangulSyllable(U'힣'));
  CHECK_FALSE(IsHangulSyllable(U'ㄱ'));  // compatibility jamo, not a syllable
  CHECK_FALSE(IsHangulSyllable(U'A'));
  CHECK_FALSE(HasBatchim(U'타'));
  CHECK(HasBatchim(U'국'));
  CHECK(HasBatchim(U'울'));
  CHECK(HasRieulBatchim(U'울'));
  CHECK_FALSE(HasRieulBatchim(U'국'));
  CHECK_FALSE(HasRieulBatchim(U'자'));
  CHECK_FALSE(HasBatchim(U'A'));
}

TEST_CASE("word characters are letters, marks and digits of any script") {
  CHECK(IsWordChar(U'a'));
  CHECK(IsWordChar(U'Z'));
  CHECK(IsWordChar(U'7'));
  CHECK(IsWordChar(U'삼'));
  CHECK(IsWordChar(U'é'));
  CHECK(IsWordChar(0x0301));  // combining acute accent
  CHECK(IsWordChar(U'字'));
  CHECK(IsWordChar(U'٣'));  // Arabic-Indic digit three
  CHECK_FALSE(IsWordChar(U' '));
  CHECK_FALSE(IsWordChar(U'\''));
  CHECK_FALSE(IsWordChar(U'’'));
  CHECK_FALSE(IsWordChar(U'·'));
  CHECK_FALSE(IsWordChar(U'_'));
  CHECK_FALSE(IsWordChar(U'('));
  CHECK_FALSE(IsWordChar(0x110000));
}

TEST_CASE("the shipped Korean particle list loads and is broad") {
  const ParticleSet& set = KoreanParticles();
  CHECK(set.size() > 100);
  bool has_eseo = false;
  for (const auto& p : set.particles()) {
    if (p.text == "에서") {
      has_eseo = true;
      CHECK(p.condition == ParticleSet::Condition::kAny);
    }
  }
  CHECK(has_eseo);
}

TEST_CASE("subject, topic and object allomorphs agree with the name's last syllable") {
  CHECK(Splits("삼성전자", "삼성전자가"));
  CHECK_FALSE(Splits("삼성전자", "삼성전자이"));
  CHECK(Splits("삼성", "삼성이"));
  CHECK_FALSE(Splits("삼성", "삼성가"));
  CHECK(Splits("서울", "서울은"));
  CHECK_FALSE(Splits("서울", "서울는"));
  CHECK(Splits("메타", "메타는"));
  CHECK(Splits("메타", "메타를"));
  CHECK_FALSE(Splits("메타", "메타을"));
  CHECK(Splits("한국", "한국을"));
  CHECK_FALSE(Splits("한국", "한국를"));
}

TEST_CASE("로 follows vowels and rieul while 으로 follows other batchim") {
  CHECK(Splits("서울", "서울로"));
  CHECK_FALSE(Splits("서울", "서울으로"));
  CHECK(Splits("메타", "메타로"));
  CHECK_FALSE(Splits("메타", "메타으로"));
  CHECK(Splits("한국", "한국으로"));
  CHECK_FALSE(Splits("한국", "한국로"));
  CHECK(Splits("인도", "인도로"));
  CHECK(Splits("한국", "한국으로부터"));
  CHECK(Splits("서울", "서울로서"));
}

TEST_CASE("와 and 과 agree and chain with the genitive") {
  CHECK(Splits("메타", "메타와"));
  CHECK_FALSE(Splits("메타", "메타과"));
  CHECK(Splits("삼성", "삼성과"));
  CHECK_FALSE(Splits("삼성", "삼성와"));
  CHECK(Splits("메타", "메타와의"));
  CHECK(Splits("삼성", "삼성과의"));
  CHECK_FALSE(Splits("삼성", "삼성와의"));
}

TEST_CASE("chains check each later particle against the previous particle's last syllable") {
  CHECK(Splits("서울", "서울에서는"));
  CHECK(Splits("서울", "서울에서도"));
  CHECK(Splits("한국", "한국으로부터는"));
  CHECK(Splits("삼성", "삼성까지는"));
  CHECK(Splits("삼성", "삼성만은"));
  CHECK_FALSE(Splits("삼성", "삼성만는"));   // 만 has a batchim: 은, not 는
  CHECK_FALSE(Splits("서울", "서울에서은"));  // 서 has none: 는, not 은
  CHECK(Splits("이재용", "이재용에게는"));
  CHECK(Splits("이재용", "이재용께서는"));
}

TEST_CASE("copula endings follow names in both the full and the contracted form") {
  CHECK(Splits("삼성전자", "삼성전자다"));
  CHECK(Splits("삼성전자", "삼성전자이다"));
  CHECK_FALSE(Splits("삼성", "삼성다"));
  CHECK(Splits("삼성", "삼성이다"));
  CHECK(Splits("삼성전자", "삼성전자였다"));
  CHECK(Splits("삼성", "삼성이었다"));
  CHECK_FALSE(Splits("삼성", "삼성였다"));
  CHECK(Splits("삼성전자", "삼성전자입니다"));
  CHECK(Splits("삼성전자", "삼성전자이며"));
  CHECK(Splits("메타", "메타고"));
  CHECK(Splits("삼성", "삼성이고"));
}

TEST_CASE("the rest of a longer word is not a particle chain") {
  CHECK_FALSE(Splits("메타", "메타버스"));
  CHECK_FALSE(Splits("인도", "인도하는"));
  CHECK_FALSE(Splits("인도", "인도네시아"));
  CHECK_FALSE(Splits("한국", "한국인"));  // demonym, deliberately not the copula 인
  CHECK_FALSE(Splits("한국", "한국은행"));
}

TEST_CASE("after a non-Hangul name both allomorphs are accepted") {
  const ParticleSet& set = KoreanParticles();
  CHECK(set.IsChain("는", U'C'));
  CHECK(set.IsChain("은", U'C'));
  CHECK(set.IsChain("가", U'a'));
  CHECK(set.IsChain("이", U'a'));
  CHECK(set.IsChain("를", U'4'));
  CHECK(set.IsChain("으로", U'4'));
  CHECK_FALSE(set.IsChain("버스", U'a'));
}

TEST_CASE("an empty rest is a chain and junk bytes are not") {
  const ParticleSet& set = KoreanParticles();
  CHECK(set.IsChain("", U'국'));
  CHECK_FALSE(set.IsChain("\xFF\xFE", U'국'));
  CHECK_FALSE(set.IsChain("\xEA\xB0", U'국'));  // truncated 가
  CHECK_FALSE(set.IsChain(std::string(1000, 'a'), U'국'));
  ParticleSet empty;
  CHECK(empty.IsChain("", U'a'));
  CHECK_FALSE(empty.IsChain("가", U'a'));
}

TEST_CASE("Parse reads conditions, skips comments and reports errors with file and line") {
  auto set = ParticleSet::Parse("# comment\n\n가\tvowel\n이\tconsonant\t# note\n", "p.tsv");
  REQUIRE(set.ok());
  CHECK(set->size() == 2);
  CHECK(set->IsChain("가", U'타'));
  CHECK_FALSE(set->IsChain("가", U'국'));

  auto bad_condition = ParticleSet::Parse("가\tvowel\n이\tbatchim\n", "p.tsv");
  REQUIRE_FALSE(bad_condition.ok());
  CHECK(bad_condition.status().message().find("p.tsv:2:") == 0);
  CHECK(bad_condition.status().message().find("batchim") != std::string::npos);

  auto no_tab = ParticleSet::Parse("가 vowel\n", "p.tsv");
  REQUIRE_FALSE(no_tab.ok());
  CHECK(no_tab.status().message().find("p.tsv:1:") == 0);

  auto not_hangul = ParticleSet::Parse("\n's\tany\n", "p.tsv");
  REQUIRE_FALSE(not_hangul.ok());
  CHECK(not_hangul.status().message().find("p.tsv:2:") == 0);

  CHECK(ParticleSet::LoadFile("/nonexistent/particles.tsv").status().code() == Status::Code::kIoError);
}

TEST_CASE("a particle listed with two conditions accepts either and Merge deduplicates") {
  auto a = ParticleSet::Parse("로\tvowel\n", "a.tsv");
  auto b = ParticleSet::Parse("로\tvowel\n로\tvowel-or-rieul\n", "b.tsv");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK_FALSE(a->IsChain("로", U'울'));
  a->Merge(*b);
  CHECK(a->size() == 2);
  CHECK(a->IsChain("로", U'울'));
  CHECK(a->IsChain("로", U'타'));
  CHECK_FALSE(a->IsChain("로", U'국'));
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::segment
