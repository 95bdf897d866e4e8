#include "relations/coordination.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/markup.h"
#include "relations/relation_extractor.h"
#include "rules/rule_set.h"
#include "text/normalizer.h"

namespace relata::relations {
namespace {

// One sentence (the whole text) with its mentions from [SURFACE|TYPE] markup.
// A Korean particle glued to a mention (the rest of its eojeol) is recorded as
// the pipeline does. Each mention is its own entity unless `same` says which
// mention indices share one.
struct Doc {
  MarkedText marked;
  std::vector<Mention> mentions;
  std::vector<std::optional<size_t>> entity_of;
  text::Normalizer nfkc = text::Normalizer::Create(text::NormalForm::kNfkc).value();
  text::NormalizedText normalized;
  std::vector<SentenceText> sentences;
  std::string lang;

  Doc(const std::string& markup, const std::string& language) : lang(language) {
    std::string error;
    REQUIRE_MESSAGE(ParseMarkup(markup, &marked, &error), error);
    for (const MarkedMention& mm : marked.mentions) {
      Mention m;
      m.candidate.span = mm.span;
      m.candidate.type = mm.type;
      m.candidate.source = MentionSource::kRule;
      m.candidate.source_id = "test";
      // Hangul syllables (lead bytes EA..ED) right after the mention.
      size_t e = mm.span.end;
      while (e + 3 <= marked.text.size() && static_cast<unsigned char>(marked.text[e]) >= 0xEA &&
             static_cast<unsigned char>(marked.text[e]) <= 0xED) {
        e += 3;
      }
      if (language == "ko") m.candidate.particle = marked.text.substr(mm.span.end, e - mm.span.end);
      mentions.push_back(m);
      entity_of.push_back(mentions.size() - 1);
    }
    normalized = nfkc.Normalize(marked.text);
    sentences.push_back({{0, marked.text.size()}, &normalized});
  }

  std::vector<std::vector<size_t>> Groups() const {
    return CoordinationGroups(marked.text, lang, {0, marked.text.size()}, 0, mentions);
  }

  std::string Text(size_t mention) const {
    const ByteSpan& s = mentions[mention].candidate.span;
    return marked.text.substr(s.begin, s.size());
  }

  std::vector<Fact> Run(const std::string& rules, std::function<bool(size_t, size_t)> within = nullptr) {
    auto rs = rules::RuleSet::FromText(rules, "t.rules");
    REQUIRE_MESSAGE(rs.ok(), rs.status().message());
    std::vector<Fact> facts = ExtractFacts(*rs, lang, sentences, mentions);
    CoordinationInput in;
    in.text = marked.text;
    in.lang = lang;
    in.sentences = &sentences;
    in.mentions = &mentions;
    in.entity_of = &entity_of;
    in.within = std::move(within);
    ExpandCoordination(in, &facts);
    return facts;
  }
};

using Groups = std::vector<std::vector<size_t>>;

const char kKoInvest[] = R"(
relation t.invests
  type invests-in
  source a
  target b
  lang ko
  pattern {a:company}(?:은|는) [^.]{0,40}?{b:company|place}에 투자
  example+ [LG|company]는 [에코|company]에 투자했다
  example- [LG|company]는 [에코|company]를 인수했다
)";

const char kKoMet[] = R"(
relation t.met
  type met-with
  symmetric
  source a
  target b
  lang ko
  pattern {a:person}(?:은|는|이|가) [^.]{0,40}?{b:person}(?:와|과) 만났
  example+ [김|person]은 [이|person]와 만났다
  example- [김|person]은 [이|person]와 통화했다
)";

const char kEnVisit[] = R"(
relation t.visited
  type visited
  source a
  target b
  lang en
  pattern {a:person} visited {b:place}
  example+ [Kim|person] visited [Seoul|place]
  example- [Kim|person] left [Seoul|place]
)";

const char kEnPartner[] = R"(
relation t.partner
  type partners-with
  symmetric
  source a
  target b
  lang en
  pattern {a:company} partnered with {b:company}
  example+ [Apple|company] partnered with [TSMC|company]
  example- [Apple|company] sued [TSMC|company]
)";

TEST_SUITE("relations") {
TEST_CASE("Korean joiners: particle 와/과, 및, middle dot, comma; one type per group") {
  CHECK(Doc("[삼성전자|company]와 [SK하이닉스|company]에 투자했다", "ko").Groups() == Groups{{0, 1}});
  CHECK(Doc("[삼성SDI|company]·[스텔란티스|company], 공장 가동", "ko").Groups() == Groups{{0, 1}});
  CHECK(Doc("[현대차|company] 및 [기아|company]가 참여했다", "ko").Groups() == Groups{{0, 1}});
  CHECK(Doc("[김|person]은 [이|person], [박|person]과 만났다", "ko").Groups() == Groups{{1, 2}});
  CHECK(Doc("[서울|place], 그리고 [부산|place]에서 열린다", "ko").Groups() == Groups{{0, 1}});
  // A different type, a word or nothing in between: no group.
  CHECK(Doc("[삼성전자|company]와 [서울|place]에서", "ko").Groups().empty());
  CHECK(Doc("[이천|place] 본사와 [청주|place] 공장", "ko").Groups().empty());
  CHECK(Doc("[미국|place] [텍사스주|place]", "ko").Groups().empty());
  CHECK(Doc("[A사|company]는 [B사|company]를 인수했다", "ko").Groups().empty());
}

TEST_CASE("Korean guards: reciprocal groups, respectively, a headline topic") {
  CHECK(Doc("[삼성SDI|company]와 [스텔란티스|company]의 합작법인", "ko").Groups().empty());
  CHECK(Doc("[한국|place]과 [중국|place] 사이의 교역", "ko").Groups().empty());
  CHECK(Doc("[엔비디아|company]는 [삼성전자|company]와 [SK하이닉스|company]의 메모리를 쓴다", "ko").Groups().empty());
  CHECK(Doc("[한국|place]과 [중국|place] 간 협력", "ko").Groups().empty());
  CHECK(Doc("[김|person]과 [이|person]는 각각 [서울|place]과 [부산|place]을 찾았다", "ko").Groups().empty());
  // 최태원, 젠슨 황과 회동: the comma marks the topic, not a list.
  CHECK(Doc("[최태원|person], [젠슨 황|person]과 회동", "ko").Groups().empty());
  // ... but a list may start a sentence when it does not end in the comitative.
  CHECK(Doc("[김|person], [이|person], [박|person]이 참석했다", "ko").Groups() == Groups{{0, 1, 2}});
}

TEST_CASE("English joiners: and, &, lists with the serial comma; addresses are not lists") {
  CHECK(Doc("He visited [Seoul|place] and [Tokyo|place].", "en").Groups() == Groups{{0, 1}});
  CHECK(Doc("[Hyundai|company] & [Kia|company] models", "en").Groups() == Groups{{0, 1}});
  CHECK(Doc("[Seoul|place], [Tokyo|place], and [Osaka|place]", "en").Groups() == Groups{{0, 1, 2}});
  CHECK(Doc("[Seoul|place], [Tokyo|place] and [Osaka|place]", "en").Groups() == Groups{{0, 1, 2}});
  CHECK(Doc("[Hyundai|company], [LG|company] to invest", "en").Groups() == Groups{{0, 1}});
  CHECK(Doc("based in [Cupertino|place], [California|place].", "en").Groups().empty());
  // Two clauses: a lone ", and" is not a serial comma.
  CHECK(Doc("[Kim|person] met [Lee|person], and [Park|person] said so.", "en").Groups().empty());
  CHECK(Doc("talks between [Kim|person] and [Lee|person]", "en").Groups().empty());
  CHECK(Doc("[SK|company] and [AWS|company]'s joint venture", "en").Groups().empty());
  CHECK(Doc("[Kim|person] and [Lee|person] visited [Seoul|place] and [Busan|place], respectively", "en")
            .Groups()
            .empty());
  // A possessor is not a conjunct; a clause subject after "and" ends the list.
  CHECK(Doc("met [Jensen Huang|person] and [Tim Cook|person]'s deputy", "en").Groups().empty());
  CHECK(Doc("invested in [Anthropic|company] and [Mistral|company] last year.", "en").Groups() == Groups{{0, 1}});
  CHECK(Doc("invested in [Anthropic|company] and [Mistral|company], the firm said.", "en").Groups() == Groups{{0, 1}});
  CHECK(Doc("[Samsung|company], [LG|company] and [SK|company] said", "en").Groups() == Groups{{0, 1, 2}});
  // A run of more than ten is a catalogue, not a list of parties.
  std::string ten = "[P0|place]";
  for (int i = 1; i < 10; ++i) ten += ", [P" + std::to_string(i) + "|place]";
  CHECK(Doc("visited " + ten + " and [Q|place].", "en").Groups().empty());
  CHECK(Doc("visited " + ten + ".", "en").Groups().empty());  // commas only: an address
  CHECK(Doc("visited [A|place], [B|place] and [C|place].", "en").Groups().size() == 1);
  // A line break is not a joiner.
  CHECK(Doc("[Seoul|place] and\n[Tokyo|place]", "en").Groups().empty());
}

TEST_CASE("a target conjunct gets the fact, with the same rule and via=coordination") {
  Doc d("[LG|company]는 [에코|company]와 [볼트|company]에 투자했다", "ko");
  std::vector<Fact> facts = d.Run(kKoInvest);
  REQUIRE(facts.size() == 2);
  CHECK(d.Text(facts[0].source) == "LG");
  CHECK(d.Text(facts[0].target) == "볼트");
  CHECK(facts[0].attributes.count("via") == 0);
  CHECK(facts[0].conjuncts == std::vector<size_t>{1, 2});
  CHECK(d.Text(facts[1].source) == "LG");
  CHECK(d.Text(facts[1].target) == "에코");
  CHECK(facts[1].rule_id == "t.invests");
  CHECK(facts[1].relation == "invests-in");
  CHECK(facts[1].attributes.at("via") == "coordination");
  // The evidence covers the rule's match and the conjunct: "LG는 ... 투자".
  CHECK(facts[1].match.begin == 0);
  CHECK(facts[1].match.end == facts[0].match.end);
  CHECK(facts[1].sentence == 0);
}

TEST_CASE("a list of three objects: every member, no duplicates (symmetric met-with)") {
  Doc d("[김|person]은 [이|person], [박|person]과 만났다", "ko");
  std::vector<Fact> facts = d.Run(kKoMet);
  REQUIRE(facts.size() == 2);
  CHECK(d.Text(facts[0].source) == "김");
  CHECK(d.Text(facts[0].target) == "박");
  CHECK(d.Text(facts[1].source) == "김");
  CHECK(d.Text(facts[1].target) == "이");
  CHECK(facts[1].attributes.at("via") == "coordination");
}

TEST_CASE("a coordinated subject: A와 B는 C와 만났다") {
  Doc d("[김|person]과 [이|person]는 [박|person]과 만났다", "ko");
  std::vector<Fact> facts = d.Run(kKoMet);
  REQUIRE(facts.size() == 2);
  CHECK(d.Text(facts[0].source) == "이");
  CHECK(d.Text(facts[0].target) == "박");
  CHECK(d.Text(facts[1].source) == "김");
  CHECK(d.Text(facts[1].target) == "박");
}

TEST_CASE("English: a member after 'and' followed by a verb is a new clause's subject, unless it is the bound end") {
  const char rules[] = R"(
relation t.inv
  type invests-in
  source a
  target b
  lang en
  pattern {a:company} invested in {b:company}
  example+ [Google|company] invested in [Anthropic|company]
  example- [Google|company] sued [Anthropic|company]
)";
  Doc d("[Google|company] invested in [Anthropic|company] and [Amazon|company] followed.", "en");
  CHECK(d.Run(rules).size() == 1);
  Doc e("[Google|company] invested in [Anthropic|company] and [Mistral|company] last year.", "en");
  CHECK(e.Run(rules).size() == 2);
  // The subject list: the rule binds the member next to the verb.
  Doc f("[Google|company] and [Amazon|company] invested in [Anthropic|company].", "en");
  std::vector<Fact> facts = f.Run(rules);
  REQUIRE(facts.size() == 2);
  CHECK(f.Text(facts[1].source) == "Google");
}

TEST_CASE("English: both ends coordinated gives every pair") {
  Doc d("[Apple|company] and [Nvidia|company] partnered with [TSMC|company] and [Samsung|company].", "en");
  std::vector<Fact> facts = d.Run(kEnPartner);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const Fact& f : facts) pairs.emplace_back(d.Text(f.source), d.Text(f.target));
  CHECK(pairs == std::vector<std::pair<std::string, std::string>>{
                     {"Nvidia", "TSMC"}, {"Apple", "TSMC"}, {"Apple", "Samsung"}, {"Nvidia", "Samsung"}});
}

TEST_CASE("the members of one group are not related to each other by a symmetric fact twice") {
  // The rule binds 김–이 inside the group; the group adds nothing new.
  Doc d("[김|person]은 [이|person]와 만났다", "ko");
  std::vector<Fact> facts = d.Run(kKoMet);
  CHECK(facts.size() == 1);
}

TEST_CASE("no fact between an entity and itself, nor one already stated") {
  Doc d("[Kim|person] visited [Seoul|place] and [Seoul City|place].", "en");
  d.entity_of[2] = d.entity_of[1];  // the same place under two names
  CHECK(d.Run(kEnVisit).size() == 1);

  Doc e("[Kim|person] visited [Seoul|place] and [Busan|place]. [Kim|person] visited [Busan|place].", "en");
  e.entity_of[3] = e.entity_of[0];
  e.entity_of[4] = e.entity_of[2];
  std::vector<Fact> facts = e.Run(kEnVisit);
  REQUIRE(facts.size() == 2);  // the second sentence's fact is the stated one
  for (const Fact& f : facts) CHECK(f.attributes.count("via") == 0);
}

TEST_CASE("a conjunct within the bound place (by the gazetteer chain) is skipped") {
  Doc d("[Kim|person] visited [Gangnam|place] and [Seoul|place].", "en");
  std::vector<Fact> facts = d.Run(kEnVisit, [](size_t inner, size_t outer) { return inner == 1 && outer == 2; });
  CHECK(facts.size() == 1);
  Doc e("[Kim|person] visited [Gangnam|place] and [Tokyo|place].", "en");
  CHECK(e.Run(kEnVisit, [](size_t, size_t) { return false; }).size() == 2);
}

TEST_CASE("the outer part of an address in a list is not a conjunct") {
  const char rules[] = R"(
relation t.site
  type located-at
  source a
  target b
  lang en
  pattern {a:company} will build plants in (?:[^.]{0,40}?){b:place}
  example+ [LG|company] will build plants in [Ohio|place]
  example- [LG|company] will close plants in [Ohio|place]
)";
  // Taylor lies within Texas (gazetteer chain): Texas is not a site of its own.
  Doc d("[Samsung|company] will build plants in [Taylor|place], [Texas|place], and [Pyeongtaek|place].", "en");
  std::vector<Fact> facts = d.Run(rules, [](size_t inner, size_t outer) { return inner == 1 && outer == 2; });
  std::vector<std::string> targets;
  for (const Fact& f : facts) targets.push_back(d.Text(f.target));
  std::sort(targets.begin(), targets.end());
  CHECK(targets == std::vector<std::string>{"Pyeongtaek", "Taylor"});
}

TEST_CASE("the within pairs of a rule follow the conjunct") {
  const char rules[] = R"(
relation t.loc
  type located-at
  source a
  target b
  lang en
  pattern {a:company} opened plants in {b:place}, {c:place}
  require b within c
  example+ [LG|company] opened plants in [Ohio|place], [United States|place]
  example- [LG|company] closed plants in [Ohio|place], [United States|place]
)";
  Doc d("[LG|company] opened plants in [Ohio|place], [United States|place] and [Tennessee|place]", "en");
  std::vector<Fact> facts = d.Run(rules);
  REQUIRE(facts.size() >= 1);
  CHECK(d.Text(facts[0].target) == "Ohio");
  REQUIRE(facts[0].within.size() == 1);
  // United States is bound to role c, so it is not a conjunct target; Tennessee is.
  bool tennessee = false;
  for (const Fact& f : facts) {
    CHECK(d.Text(f.target) != "United States");
    if (d.Text(f.target) == "Tennessee") {
      tennessee = true;
      REQUIRE(f.within.size() == 1);
      CHECK(f.within[0].first == f.target);
    }
  }
  CHECK(tennessee);
}

TEST_CASE("an end that modifies the first conjunct scopes over it alone") {
  const char possessive[] = R"(
relation t.country
  type located-at
  source a
  target b
  lang en
  pattern {b:place}'s {a:company}
  example+ [France|place]'s [EDF|company]
  example- [France|place] and [EDF|company]
)";
  Doc d("[France|place]'s [EDF|company] and [KHNP|company] will sign a deal.", "en");
  std::vector<Fact> facts = d.Run(possessive);
  REQUIRE(facts.size() == 1);
  CHECK(d.Text(facts[0].source) == "EDF");
  // The group is still recorded: KHNP is not an event place or date candidate.
  CHECK(facts[0].conjuncts == std::vector<size_t>{1, 2});

  const char title[] = R"(
relation t.title
  type holds-position
  source p
  target c
  lang en
  pattern {c:company} Chairman {p:person}
  example+ [Samsung|company] Chairman [Lee|person]
  example- [Samsung|company] and [Lee|person]
)";
  Doc e("[Samsung|company] Chairman [Lee|person] and [Kim|person] met.", "en");
  CHECK(e.Run(title).size() == 1);
  // With a verb in between, the list is the object: distributed.
  Doc v("[Kim|person] visited [Seoul|place] and [Tokyo|place].", "en");
  CHECK(v.Run(kEnVisit).size() == 2);
}

TEST_CASE("a directed fact inside one group is not distributed") {
  const char rules[] = R"(
relation t.acq
  type acquires
  source a
  target b
  lang ko
  pattern {a:company}(?:와|과) {b:company}의 합병
  example+ [A사|company]와 [B사|company]의 합병
  example- [A사|company]와 [B사|company]의 협력
)";
  Doc d("[A사|company], [B사|company]와 [C사|company]의 합병", "ko");
  CHECK(d.Run(rules).size() == 1);
}
}

}  // namespace
}  // namespace relata::relations
