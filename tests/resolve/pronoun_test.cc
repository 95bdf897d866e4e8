#include "resolve/pronoun.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "base/markup.h"
#include "text/source_text.h"

namespace relata::resolve {
namespace {

// A document from [SURFACE|TYPE] markup, one sentence per line. Every marked
// mention is resolved to an entity of its own, except that equal surfaces
// share one (enough to test which entity a pronoun takes).
struct Doc {
  MarkedText marked;
  std::vector<SentenceView> views;
  std::vector<Mention> mentions;
  Resolution r;
  std::string lang;

  Doc(const std::string& markup, const std::string& language) : lang(language) {
    std::string error;
    REQUIRE_MESSAGE(ParseMarkup(markup, &marked, &error), error);
    const std::string& t = marked.text;
    size_t start = 0;
    while (start <= t.size()) {
      size_t nl = t.find('\n', start);
      if (nl == std::string::npos) nl = t.size();
      views.push_back({{start, nl}, nullptr});
      start = nl + 1;
    }
    std::map<std::string, size_t> by_surface;
    for (const MarkedMention& mm : marked.mentions) {
      Mention m;
      m.candidate.span = mm.span;
      m.candidate.type = mm.type;
      m.candidate.source = MentionSource::kRule;
      m.candidate.source_id = "test";
      size_t e = mm.span.end;  // the Hangul particle glued to the name
      while (e + 3 <= t.size() && static_cast<unsigned char>(t[e]) >= 0xEA && static_cast<unsigned char>(t[e]) <= 0xED) {
        e += 3;
      }
      if (language == "ko") m.candidate.particle = t.substr(mm.span.end, e - mm.span.end);
      for (size_t s = 0; s < views.size(); ++s) {
        if (mm.span.begin >= views[s].span.begin && mm.span.end <= views[s].span.end) m.sentence = s;
      }
      const std::string surface = t.substr(mm.span.begin, mm.span.size());
      auto it = by_surface.find(surface);
      if (it == by_surface.end()) {
        ResolvedEntity ent;
        ent.id = mm.type + ":" + surface;
        ent.type = mm.type;
        r.entities.push_back(ent);
        it = by_surface.emplace(surface, r.entities.size() - 1).first;
      }
      r.entity_of.push_back(it->second);
      r.how.push_back("rule");
      mentions.push_back(m);
    }
  }

  void Run() { ResolvePronouns(marked.text, views, lang, &mentions, &r); }

  // The pronoun mentions made, as "text->entity id".
  std::vector<std::string> Pronouns() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < mentions.size(); ++i) {
      if (!IsPronounMention(mentions[i])) continue;
      const ByteSpan& s = mentions[i].candidate.span;
      out.push_back(marked.text.substr(s.begin, s.size()) + "->" + (r.entity_of[i] ? r.entities[*r.entity_of[i]].id : "?"));
    }
    return out;
  }
};

using Strings = std::vector<std::string>;

TEST_SUITE("resolve") {
TEST_CASE("그는 at the start of a sentence is the one person of the previous sentence; exact offsets") {
  Doc d("[최태원|person] 회장은 협력이 중요하다고 말했다.\n그는 [이튿날|date] [새너제이|place]를 찾았다.", "ko");
  d.Run();
  REQUIRE(d.mentions.size() == 4);
  const Mention& p = d.mentions[1];  // text order: 최태원, 그, 이튿날, 새너제이
  CHECK(IsPronounMention(p));
  CHECK(p.sentence == 1);
  CHECK(p.candidate.type == "person");
  CHECK(p.candidate.particle == "는");
  CHECK(p.candidate.source == MentionSource::kResolution);
  CHECK(p.candidate.source_id == "pronoun");
  CHECK(p.candidate.attributes.at("antecedent") == "최태원");
  CHECK(d.r.how[1] == "pronoun");
  CHECK(d.r.entity_of[1] == d.r.entity_of[0]);
  CHECK(d.r.how[2] == "rule");
  CHECK(d.r.entity_of.size() == d.mentions.size());
  // Offsets point at 그 in the original text: code points and UTF-8 bytes.
  std::vector<std::string> warnings;
  text::SourceText src = text::SourceText::Decode(d.marked.text, {}, &warnings).value();
  const std::string first_line = "최태원 회장은 협력이 중요하다고 말했다.\n";
  CHECK(p.candidate.span.begin == first_line.size());
  CHECK(p.candidate.span.end == first_line.size() + 3);
  CHECK(src.PositionAt(p.candidate.span.begin).cp == 23);
  CHECK(src.PositionAt(p.candidate.span.end).cp == 24);
}

TEST_CASE("He / She after an English sentence with one person; offsets in code points") {
  Doc d("[Jensen Huang|person] studied at [Stanford|organization].\nHe then flew to [Taipei|place].", "en");
  d.Run();
  CHECK(d.Pronouns() == Strings{"He->person:Jensen Huang"});
  const Mention& p = d.mentions[2];
  CHECK(p.candidate.span.begin == 34);
  CHECK(p.candidate.span.end == 36);
  CHECK(p.candidate.particle.empty());

  Doc s("[Mary Barra|person] spoke.\nLater, she visited [Detroit|place].", "en");
  s.Run();
  CHECK(s.Pronouns() == Strings{"she->person:Mary Barra"});
}

TEST_CASE("several persons: the subject, or nothing") {
  Doc ko("[이재용|person] 회장은 [피차이|person]를 만났다.\n그는 [서울|place]로 돌아왔다.", "ko");
  ko.Run();
  CHECK(ko.Pronouns() == Strings{"그->person:이재용"});

  Doc ko3("[이재용|person] 회장과 [피차이|person] CEO는 만찬을 했다.\n그는 [서울|place]로 돌아왔다.", "ko");
  ko3.Run();
  CHECK(ko3.Pronouns().empty());  // both are the subject

  Doc ko4("[이재용|person] [삼성전자|company] 회장이 [피차이|person]와 만났다.\n그는 [서울|place]로 돌아왔다.", "ko");
  ko4.Run();
  CHECK(ko4.Pronouns() == Strings{"그->person:이재용"});

  Doc ko2("[이재용|person]과 [피차이|person]를 두고 말이 많았다.\n그는 [서울|place]로 돌아왔다.", "ko");
  ko2.Run();
  CHECK(ko2.Pronouns().empty());

  Doc en("[Nvidia|company] CEO [Jensen Huang|person] met [C.C. Wei|person].\nHe then left.", "en");
  en.Run();
  CHECK(en.Pronouns() == Strings{"He->person:Jensen Huang"});

  Doc en2("Analysts said [Kim|person] met [Lee|person].\nHe then left.", "en");
  en2.Run();
  CHECK(en2.Pronouns().empty());
}

TEST_CASE("only a clause-opening subject pronoun; not 그 as a determiner, not mid-sentence") {
  Doc a("[김|person] 회장이 말했다.\n그 회사는 [서울|place]에 있다.", "ko");
  a.Run();
  CHECK(a.Pronouns().empty());
  Doc b("[김|person] 회장이 말했다.\n그동안 그는 침묵했다.", "ko");
  b.Run();
  CHECK(b.Pronouns().empty());
  Doc c("[김|person] 회장이 말했다.\n이어 그는 [부산|place]을 찾았다.", "ko");
  c.Run();
  CHECK(c.Pronouns() == Strings{"그->person:김"});
  Doc d("[Kim|person] spoke.\nAnalysts said he left.", "en");
  d.Run();
  CHECK(d.Pronouns().empty());
  Doc e("[Kim|person] spoke.\nThe theme was clear.", "en");  // "the", "theme": not he
  e.Run();
  CHECK(e.Pronouns().empty());
  Doc f("[Kim|person] spoke.\nOn [Tuesday|date], he left.", "en");
  f.Run();
  CHECK(f.Pronouns() == Strings{"he->person:Kim"});
}

TEST_CASE("no person in the previous sentence: nothing; a pronoun can be an antecedent") {
  Doc a("[삼성전자|company]가 발표했다.\n그는 웃었다.", "ko");
  a.Run();
  CHECK(a.Pronouns().empty());
  Doc b("[김|person]이 왔다.\n그는 웃었다.\n그는 떠났다.", "ko");
  b.Run();
  CHECK(b.Pronouns() == Strings{"그->person:김", "그->person:김"});
  Doc c("[김|person]이 왔다.\n비가 왔다.\n그는 떠났다.", "ko");
  c.Run();
  CHECK(c.Pronouns().empty());
}
}

}  // namespace
}  // namespace relata::resolve
