#include "eval/evaluator.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "resolve/entity_resolver.h"
#include "resolve/pronoun.h"

namespace relata::eval {
namespace {

std::string GetString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

void Add(Counts* total, const Counts& c) {
  total->tp += c.tp;
  total->fp += c.fp;
  total->fn += c.fn;
}

}  // namespace

StatusOr<std::vector<GoldDocument>> LoadGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::vector<GoldDocument> docs;
  std::set<std::string> ids;
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(n);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      return Status::DataError(where + ": not valid JSON: " + e.what());
    }
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      return Status::DataError(where + ": a gold line needs a string \"text\"");
    }
    GoldDocument d;
    d.line = n;
    d.id = GetString(j, "id");
    if (d.id.empty()) d.id = "line-" + std::to_string(n);
    if (!ids.insert(d.id).second) return Status::DataError(where + ": duplicate id '" + d.id + "'");
    d.lang = GetString(j, "lang");
    d.date = GetString(j, "date");
    std::string error;
    if (!ParseMarkup(j["text"].get<std::string>(), &d.marked, &error)) {
      return Status::DataError(where + ": " + error);
    }
    auto rels = j.find("relations");
    if (rels != j.end()) {
      if (!rels->is_array()) return Status::DataError(where + ": \"relations\" must be an array");
      for (const auto& r : *rels) {
        GoldRelation g{GetString(r, "relation"), GetString(r, "source"), GetString(r, "target")};
        if (g.relation.empty() || g.source.empty() || g.target.empty()) {
          return Status::DataError(where + ": a relation needs \"relation\", \"source\" and \"target\" strings");
        }
        d.relations.push_back(std::move(g));
      }
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

EvalReport Evaluate(const pipeline::Pipeline& pipeline, const std::vector<GoldDocument>& gold) {
  EvalReport report;
  text::Normalizer folder = text::Normalizer::Create(text::NormalForm::kNfkcCasefold).value();
  for (const GoldDocument& g : gold) {
    ++report.documents;
    pipeline::Document doc;
    doc.id = g.id;
    doc.bytes = g.marked.text;
    doc.lang = g.lang;
    doc.date = g.date;
    StatusOr<pipeline::Analysis> a = pipeline.Analyze(doc);
    const std::string& text = g.marked.text;
    auto quote = [&](ByteSpan s) { return "\"" + text.substr(s.begin, s.size()) + "\""; };
    if (!a.ok()) {
      report.misses.push_back(g.id + ": could not be annotated: " + a.status().message());
      for (const MarkedMention& m : g.marked.mentions) ++report.entity_exact[m.type].fn, ++report.entity_overlap[m.type].fn;
      for (const GoldRelation& r : g.relations) ++report.relations[r.relation].fn;
      continue;
    }

    // Entities.
    std::set<std::tuple<size_t, size_t, std::string>> gold_exact;
    for (const MarkedMention& m : g.marked.mentions) gold_exact.emplace(m.span.begin, m.span.end, m.type);
    std::vector<bool> gold_used(g.marked.mentions.size(), false);
    for (const Mention& m : a->mentions) {
      // A resolved pronoun is not a name: the gold marks no mention there.
      if (resolve::IsPronounMention(m)) continue;
      const Candidate& c = m.candidate;
      const bool exact = gold_exact.count({c.span.begin, c.span.end, c.type}) > 0;
      if (exact) ++report.entity_exact[c.type].tp; else ++report.entity_exact[c.type].fp;
      bool overlap = false;
      for (size_t k = 0; k < g.marked.mentions.size() && !overlap; ++k) {
        const MarkedMention& gm = g.marked.mentions[k];
        if (!gold_used[k] && gm.type == c.type && gm.span.Overlaps(c.span)) gold_used[k] = overlap = true;
      }
      if (overlap) {
        ++report.entity_overlap[c.type].tp;
      } else {
        ++report.entity_overlap[c.type].fp;
        report.false_positives.push_back(g.id + ": " + c.type + " " + quote(c.span) + " from " +
                                         MentionSourceName(c.source) + ":" + c.source_id);
      }
    }
    std::set<std::tuple<size_t, size_t, std::string>> predicted_exact;
    for (const Mention& m : a->mentions) {
      if (!resolve::IsPronounMention(m)) predicted_exact.emplace(m.candidate.span.begin, m.candidate.span.end, m.candidate.type);
    }
    for (size_t k = 0; k < g.marked.mentions.size(); ++k) {
      const MarkedMention& gm = g.marked.mentions[k];
      if (!predicted_exact.count({gm.span.begin, gm.span.end, gm.type})) ++report.entity_exact[gm.type].fn;
      if (!gold_used[k]) {
        ++report.entity_overlap[gm.type].fn;
        report.misses.push_back(g.id + ": " + gm.type + " " + quote(gm.span));
      }
    }

    // Relations, through the graph (one edge per fact).
    graph::FactGraph fg = pipeline.BuildGraph(doc, *a);
    std::map<std::string, std::set<std::string>> surfaces;  // node id → folded surfaces
    for (const auto& [id, node] : fg.nodes()) {
      surfaces[id].insert(folder.NormalizeString(node.label));
      for (const graph::MentionRecord& m : node.mentions) {
        if (m.source == "resolution:pronoun") continue;  // 그, He: not a surface of the entity
        surfaces[id].insert(folder.NormalizeString(m.text));
      }
    }
    std::vector<bool> rel_used(g.relations.size(), false);
    for (const auto& [eid, e] : fg.edges()) {
      // A fact inferred up a place chain is not stated by the article, so the
      // gold cannot list it: it is scored neither right nor wrong.
      const bool stated = std::any_of(e.evidence.begin(), e.evidence.end(),
                                      [](const graph::Evidence& ev) { return !ev.inferred; });
      if (!stated) continue;
      const auto& ss = surfaces[e.source];
      const auto& ts = surfaces[e.target];
      bool matched = false;
      for (size_t k = 0; k < g.relations.size() && !matched; ++k) {
        const GoldRelation& r = g.relations[k];
        if (rel_used[k] || r.relation != e.relation) continue;
        const std::string s = folder.NormalizeString(r.source), t = folder.NormalizeString(r.target);
        const bool forward = ss.count(s) && ts.count(t);
        const bool backward = !e.directed && ss.count(t) && ts.count(s);
        if (forward || backward) rel_used[k] = matched = true;
      }
      if (matched) {
        ++report.relations[e.relation].tp;
      } else {
        ++report.relations[e.relation].fp;
        const graph::Evidence& ev = e.evidence.front();
        report.false_positives.push_back(g.id + ": " + e.relation + "(" + e.source + ", " + e.target + ") by rule " +
                                         ev.rule + " in sentence " + std::to_string(ev.sentence));
      }
    }
    for (size_t k = 0; k < g.relations.size(); ++k) {
      if (rel_used[k]) continue;
      const GoldRelation& r = g.relations[k];
      ++report.relations[r.relation].fn;
      report.misses.push_back(g.id + ": " + r.relation + "(" + r.source + ", " + r.target + ")");
    }
  }

  // Totals.
  for (auto* table : {&report.entity_exact, &report.entity_overlap}) {
    Counts entities, values;
    for (const auto& [type, c] : *table) Add(resolve::IsValueType(type) ? &values : &entities, c);
    (*table)["entities"] = entities;
    (*table)["values"] = values;
  }
  Counts all;
  for (const auto& [type, c] : report.relations) Add(&all, c);
  report.relations["relations"] = all;
  return report;
}

std::string EvalReport::ToText() const {
  std::ostringstream out;
  auto table = [&](const char* title, const std::map<std::string, Counts>& t) {
    out << title << "\n";
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-22s %6s %6s %6s %9s %9s %9s\n", "type", "tp", "fp", "fn", "precision", "recall", "f1");
    out << buf;
    for (const auto& [type, c] : t) {
      std::snprintf(buf, sizeof buf, "  %-22s %6zu %6zu %6zu %9s %9s %9s\n", type.c_str(), c.tp, c.fp, c.fn,
                    Fixed(c.Precision()).c_str(), Fixed(c.Recall()).c_str(), Fixed(c.F1()).c_str());
      out << buf;
    }
  };
  out << documents << " documents\n";
  table("entities, exact spans", entity_exact);
  table("entities, overlapping spans", entity_overlap);
  table("relations", relations);
  out << "\nmisses (" << misses.size() << ")\n";
  for (const std::string& m : misses) out << "  " << m << "\n";
  out << "\nfalse positives (" << false_positives.size() << ")\n";
  for (const std::string& f : false_positives) out << "  " << f << "\n";
  return out.str();
}

std::string EvalReport::ToJson() const {
  nlohmann::json j;
  j["documents"] = documents;
  auto dump = [](const std::map<std::string, Counts>& t) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [type, c] : t) {
      o[type] = {{"tp", c.tp}, {"fp", c.fp}, {"fn", c.fn}, {"precision", c.Precision()}, {"recall", c.Recall()}, {"f1", c.F1()}};
    }
    return o;
  };
  j["entities_exact"] = dump(entity_exact);
  j["entities_overlap"] = dump(entity_overlap);
  j["relations"] = dump(relations);
  j["misses"] = misses.size();
  j["false_positives"] = false_positives.size();
  return j.dump(2) + "\n";
}

}  // namespace relata::eval
