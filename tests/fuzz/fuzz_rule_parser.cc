// Fuzz target: the rule-file parser and compiler (rules::RuleSet::FromText).
//
// Properties: compiling never crashes or hangs; a failure is a DataError (or
// ResourceExhausted) whose every line names the file (fuzz.rules:LINE: ... or
// fuzz.rules: ...); a rule set that compiles can match entities, zones and
// relations on a few fixed sentences and run its own examples, and every
// entity match lies inside the sentence with begin <= end <= particle_end.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "rules/rule_set.h"

namespace {

const char* const kSentences[] = {
    "Nvidia CEO Jensen Huang met TSMC Chairman C.C. Wei in Taipei on March 3, 2024.",
    "삼성전자 이재용 회장은 12일 서울에서 퀄컴 크리스티아노 아몬 CEO와 만났다.",
    "",
    "a",
    "Published March 1, 2024",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  relata::rules::LoadOptions options;
  // Smaller budgets than the defaults keep one input fast; the limits' own
  // error paths are exercised all the more.
  options.max_pattern_bytes = 8 << 10;
  options.max_program_memory = 1 << 20;
  auto rules = relata::rules::RuleSet::FromText(text, "fuzz.rules", relata::segment::ParticleSet(), options);
  if (!rules.ok()) {
    const relata::Status& st = rules.status();
    FUZZ_CHECK(st.code() == relata::Status::Code::kDataError || st.code() == relata::Status::Code::kResourceExhausted,
               "unexpected status code %d: %s", static_cast<int>(st.code()), st.message().c_str());
    size_t pos = 0;
    const std::string& m = st.message();
    while (pos < m.size()) {
      size_t nl = m.find('\n', pos);
      if (nl == std::string::npos) nl = m.size();
      const std::string_view line(m.data() + pos, nl - pos);
      FUZZ_CHECK(line.substr(0, 10) == "fuzz.rules" || line.substr(0, 14) == "(stopped after",
                 "an error line does not name the file: '%.*s'", static_cast<int>(line.size()), line.data());
      pos = nl + 1;
    }
    return 0;
  }
  for (const char* sentence : kSentences) {
    const std::string_view s(sentence);
    for (const char* lang : {"ko", "en", "xx"}) {
      std::vector<relata::rules::EntityMatch> matches;
      rules->MatchEntities(s, lang, &matches);
      for (const auto& m : matches) {
        FUZZ_CHECK(m.begin <= m.end && m.end <= m.particle_end && m.particle_end <= s.size(),
                   "entity match [%zu, %zu, %zu) outside the sentence of %zu bytes", m.begin, m.end,
                   m.particle_end, s.size());
      }
      rules->Classify(s, lang);
      std::vector<relata::rules::RelationMention> mentions;
      if (s.size() > 20) mentions = {{0, 6, "company"}, {11, 20, "person"}};
      std::vector<relata::rules::RelationMatch> facts;
      rules->MatchRelations(s, mentions, lang, &facts);
      for (const auto& f : facts) {
        FUZZ_CHECK(f.source < mentions.size() && f.target < mentions.size(), "relation binds a missing mention");
        FUZZ_CHECK(f.match_begin <= f.match_end && f.match_end <= s.size(), "relation match out of bounds");
      }
    }
  }
  rules->RunExamples();
  return 0;
}
