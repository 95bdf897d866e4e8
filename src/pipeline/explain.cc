#include "pipeline/explain.h"

#include <sstream>

namespace relata::pipeline {
namespace {

std::string Slice(const std::string& text, ByteSpan s) { return text.substr(s.begin, s.size()); }

std::string Range(const text::SourceText& source, ByteSpan s) {
  graph::Offsets o = OffsetsOf(source, s);
  return "[" + std::to_string(o.start) + "," + std::to_string(o.end) + ")";
}

}  // namespace

std::string Explain(const Pipeline& pipeline, const Document& doc, const Analysis& a, const std::string& rule_id) {
  std::ostringstream out;
  const std::string& text = a.source.utf8();
  out << "document " << (doc.id.empty() ? "doc" : doc.id) << "  lang=" << a.lang;
  if (!a.date.empty()) out << "  date=" << a.date << " (" << a.date_source << ")";
  out << "\n";
  for (const segment::Zone& z : a.zones.furniture) {
    std::string first = Slice(text, z.span);
    const size_t nl = first.find('\n');
    if (nl != std::string::npos) first = first.substr(0, nl) + " ...";
    out << "furniture " << Range(a.source, z.span) << " by zone rule " << z.rule_id << ": " << first << "\n";
  }
  for (const std::string& w : a.warnings) out << "warning: " << w << "\n";

  for (size_t s = 0; s < a.sentences.size(); ++s) {
    const SentenceAnalysis& sa = a.sentences[s];
    out << "\nsentence " << s << " " << Range(a.source, sa.span) << ": " << Slice(text, sa.span) << "\n";
    if (!rule_id.empty()) {
      std::vector<size_t> indices;
      relations::SentenceText st{sa.span, &sa.nfkc};
      std::vector<rules::RelationMention> rm = relations::RelationMentionsOf(st, s, a.mentions, &indices);
      out << "  rule " << rule_id << ": " << pipeline.rules().ExplainRelation(rule_id, sa.nfkc.text, rm, a.lang)
          << "\n";
      continue;
    }
    for (size_t i = 0; i < a.mentions.size(); ++i) {
      const Mention& m = a.mentions[i];
      if (m.sentence != s) continue;
      const Candidate& c = m.candidate;
      out << "  mention \"" << Slice(text, c.span) << "\" " << c.type << " " << Range(a.source, c.span) << " from "
          << MentionSourceName(c.source) << ":" << c.source_id;
      if (!c.particle.empty()) out << " particle \"" << c.particle << "\"";
      for (const auto& [k, v] : c.attributes) out << " " << k << "=" << v;
      const auto& e = a.resolution.entity_of[i];
      if (e) {
        out << " -> " << a.resolution.entities[*e].id << " (" << a.resolution.how[i] << ")";
      } else {
        out << " -> " << a.resolution.how[i];
      }
      out << "\n";
      for (const Alternative& alt : m.alternatives) {
        out << "    lost: \"" << Slice(text, alt.candidate.span) << "\" " << alt.candidate.type << " from "
            << MentionSourceName(alt.candidate.source) << ":" << alt.candidate.source_id << ": " << alt.reason
            << "\n";
      }
    }
    for (const relations::Fact& f : a.facts) {
      if (f.sentence != s) continue;
      auto name = [&](size_t idx) {
        const auto& e = a.resolution.entity_of[idx];
        return e ? a.resolution.entities[*e].id : "(unresolved \"" + Slice(text, a.mentions[idx].candidate.span) + "\")";
      };
      out << "  fact " << name(f.source) << (f.directed ? " -" : " =") << f.relation << (f.directed ? "-> " : "= ")
          << name(f.target) << " by rule " << f.rule_id << " confidence " << f.confidence;
      for (const auto& [k, v] : f.attributes) out << " " << k << "=" << v;
      for (const auto& [role, idx] : f.role_mentions) out << " " << role << "=\"" << Slice(text, a.mentions[idx].candidate.span) << "\"";
      out << " matched \"" << Slice(text, f.match) << "\"\n";
    }
  }
  return out.str();
}

}  // namespace relata::pipeline
