#include "pipeline/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "gazetteer/image.h"
#include "base/files.h"
#include "relations/coordination.h"
#include "relations/event_attributes.h"
#include "resolve/overlap.h"
#include "resolve/pronoun.h"
#include "segment/sentences.h"

#ifndef RELATA_DEFAULT_DATA_DIR
#define RELATA_DEFAULT_DATA_DIR "."
#endif

namespace relata::pipeline {
namespace fs = std::filesystem;

namespace {

// Gazetteer sources and images under `paths` (base/files.h).
StatusOr<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths,
                                                const std::vector<std::string>& extensions) {
  return ListFiles(paths, [&](const fs::path& f) {
    return std::find(extensions.begin(), extensions.end(), f.extension().string()) != extensions.end();
  });
}

segment::SentenceSplitter* SplitterFor(const std::string& lang, Status* status) {
  thread_local std::map<std::string, std::unique_ptr<segment::SentenceSplitter>> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second.get();
  StatusOr<segment::SentenceSplitter> s = segment::SentenceSplitter::Create(lang);
  if (!s.ok()) {
    *status = s.status();
    return nullptr;
  }
  auto owned = std::make_unique<segment::SentenceSplitter>(std::move(s).value());
  segment::SentenceSplitter* raw = owned.get();
  cache.emplace(lang, std::move(owned));
  return raw;
}

// "<source>:<id>", the `source` of a mention record (docs/output.md).
std::string SourceLabel(const Candidate& c) {
  const std::string_view source = MentionSourceName(c.source);
  std::string label;
  label.reserve(source.size() + 1 + c.source_id.size());
  label.append(source).append(1, ':').append(c.source_id);
  return label;
}

bool IsIsoDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::string DefaultDataDir() {
  const char* env = std::getenv("RELATA_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return RELATA_DEFAULT_DATA_DIR;
}

graph::Offsets OffsetsOf(const text::SourceText& source, ByteSpan span) {
  text::Position a = source.PositionAt(span.begin);
  text::Position b = source.PositionAt(span.end);
  graph::Offsets o;
  o.start = a.cp;
  o.end = b.cp;
  o.byte_start = a.byte;
  o.byte_end = b.byte;
  o.utf16_start = a.utf16;
  o.utf16_end = b.utf16;
  return o;
}

struct Pipeline::Rep {
  PipelineOptions options;
  rules::RuleSet rules;
  gazetteer::Gazetteer gazetteer;
  std::unique_ptr<text::Normalizer> nfkc;
  std::unique_ptr<text::Normalizer> folder;
};

Pipeline::Pipeline() : rep_(std::make_unique<Rep>()) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

const rules::RuleSet& Pipeline::rules() const { return rep_->rules; }
const gazetteer::Gazetteer& Pipeline::gazetteer() const { return rep_->gazetteer; }

StatusOr<Pipeline> Pipeline::Create(const PipelineOptions& options) {
  Pipeline p;
  p.rep_->options = options;
  if (!options.date.empty() && !IsIsoDate(options.date)) {
    return Status::InvalidArgument("--date must be YYYY-MM-DD, got '" + options.date + "'");
  }
  if (options.lang != "auto" && options.lang != "ko" && options.lang != "en") {
    return Status::InvalidArgument("--lang must be ko, en or auto, got '" + options.lang + "'");
  }
  StatusOr<text::Normalizer> nfkc = text::Normalizer::Create(text::NormalForm::kNfkc);
  if (!nfkc.ok()) return nfkc.status();
  StatusOr<text::Normalizer> folder = text::Normalizer::Create(text::NormalForm::kNfkcCasefold);
  if (!folder.ok()) return folder.status();
  p.rep_->nfkc = std::make_unique<text::Normalizer>(std::move(nfkc).value());
  p.rep_->folder = std::make_unique<text::Normalizer>(std::move(folder).value());

  const std::string data = DefaultDataDir();
  std::vector<std::string> rule_paths = options.rule_paths;
  if (rule_paths.empty()) rule_paths.push_back(data + "/rules");
  StatusOr<rules::RuleSet> rules = rules::RuleSet::Load(rule_paths);
  if (!rules.ok()) return rules.status();
  p.rep_->rules = std::move(rules).value();

  std::vector<std::string> gaz_paths = options.gazetteer_paths;
  if (gaz_paths.empty()) gaz_paths.push_back(data + "/gazetteers");
  gaz_paths.insert(gaz_paths.end(), options.extra_gazetteers.begin(), options.extra_gazetteers.end());
  StatusOr<std::vector<std::string>> files = CollectFiles(gaz_paths, {".tsv", ".jsonl", ".img"});
  if (!files.ok()) return files.status();
  // A compiled image (`relata compile`) stands for the sources it records; when
  // it is exactly the gazetteer asked for, it is mapped (or rebuilt in place
  // when a source changed). Otherwise images are cached by source hash, see
  // gazetteer/image.h and docs/gazetteers.md.
  std::vector<std::string> sources;
  gazetteer::LoadOptions load;
  for (const std::string& f : *files) {
    if (!gazetteer::IsImagePath(f)) {
      sources.push_back(f);
      continue;
    }
    StatusOr<std::vector<gazetteer::SourceStamp>> recorded = gazetteer::ReadImageSources(f);
    if (!recorded.ok()) return recorded.status();
    for (const gazetteer::SourceStamp& s : *recorded) sources.push_back(s.path);
    if (files->size() == 1) load.image_path = f;
  }
  std::vector<std::string> warnings;
  StatusOr<gazetteer::Gazetteer> gaz = gazetteer::LoadOrBuild(sources, *p.rep_->folder, load, &warnings);
  for (const std::string& w : warnings) std::fprintf(stderr, "relata: warning: %s\n", w.c_str());
  if (!gaz.ok()) return gaz.status();
  p.rep_->gazetteer = std::move(gaz).value();
  return p;
}

StatusOr<Analysis> Pipeline::Analyze(const Document& doc) const {
  Analysis a;
  text::DecodeOptions decode;
  decode.lenient = rep_->options.lenient;
  StatusOr<text::SourceText> source = text::SourceText::Decode(doc.bytes, decode, &a.warnings);
  if (!source.ok()) return source.status();
  a.source = std::move(source).value();
  const std::string& text = a.source.utf8();

  a.lang = doc.lang;
  if (a.lang.empty() || a.lang == "auto") a.lang = rep_->options.lang;
  if (a.lang.empty() || a.lang == "auto") a.lang = segment::DetectLanguage(text);

  a.zones = segment::FindZones(text, rep_->rules, a.lang);
  if (!doc.date.empty()) {
    a.date = doc.date;
    a.date_source = "input";
  } else if (!a.zones.date.empty()) {
    a.date = a.zones.date;
    a.date_source = "zone";
  } else if (!rep_->options.date.empty()) {
    a.date = rep_->options.date;
    a.date_source = "option";
  }

  Status status;
  segment::SentenceSplitter* splitter = SplitterFor(a.lang, &status);
  if (splitter == nullptr) return status;
  std::vector<ByteSpan> spans;
  for (const ByteSpan& body : a.zones.body) splitter->Split(text, body, &spans);

  const segment::ParticleSet& particles = rep_->rules.particles();
  std::vector<gazetteer::GazetteerMatch> gaz_matches;
  std::vector<rules::EntityMatch> rule_matches;
  std::string last_absolute_date;
  std::set<uint32_t> established;  // ambiguous entries whose context the document has shown
  a.sentences.reserve(spans.size());
  for (size_t s = 0; s < spans.size(); ++s) {
    SentenceAnalysis sa;
    sa.span = spans[s];
    std::string_view sentence(text.data() + sa.span.begin, sa.span.size());
    sa.folded = rep_->folder->Normalize(sentence);
    sa.nfkc = rep_->nfkc->Normalize(sentence);

    // Both sources first, so that the candidates are allocated once.
    gaz_matches.clear();
    rep_->gazetteer.Match(sa.folded.text, particles, &gaz_matches);
    rule_matches.clear();
    rep_->rules.MatchEntities(sa.nfkc.text, a.lang, &rule_matches);
    std::vector<Candidate> candidates;
    candidates.reserve(gaz_matches.size() + rule_matches.size());
    // Offsets of the particle are mapped like the name's, so the particle text
    // is the original's, not the normalized form's.
    auto particle_of = [&](const text::NormalizedText& n, size_t end, size_t particle_end) {
      if (particle_end <= end) return std::string();
      ByteSpan p = n.map.ToSource({end, particle_end});
      return std::string(sentence.substr(p.begin, p.size()));
    };
    for (const gazetteer::GazetteerMatch& g : gaz_matches) {
      const gazetteer::EntryRef e = rep_->gazetteer.entry(g.entry);
      // An ambiguous name counts with its context in the sentence, or once the
      // document has already established the entity.
      if (!rep_->gazetteer.ContextSatisfied(g.entry, sa.folded.text) && !established.count(g.entry)) continue;
      if (rep_->gazetteer.HasContext(g.entry)) established.insert(g.entry);
      Candidate c;
      ByteSpan local = sa.folded.map.ToSource({g.begin, g.end});
      c.span = {sa.span.begin + local.begin, sa.span.begin + local.end};
      c.type = std::string(e.type());
      c.source = MentionSource::kGazetteer;
      c.source_id = std::string(e.id());
      c.canonical_id = c.source_id;
      c.particle = particle_of(sa.folded, g.end, g.particle_end);
      c.priority = e.priority();
      candidates.push_back(std::move(c));
    }
    for (rules::EntityMatch& r : rule_matches) {
      Candidate c;
      ByteSpan local = sa.nfkc.map.ToSource({r.begin, r.end});
      c.span = {sa.span.begin + local.begin, sa.span.begin + local.end};
      c.type = std::move(r.type);
      c.source = MentionSource::kRule;
      c.source_id = std::move(r.rule_id);
      c.particle = particle_of(sa.nfkc, r.end, r.particle_end);
      c.priority = r.priority;
      c.attributes = std::move(r.attributes);
      candidates.push_back(std::move(c));
    }
    std::vector<Mention> chosen = resolve::ChooseMentions(std::move(candidates), s);
    for (Mention& m : chosen) {
      if (m.candidate.type != "date") continue;
      auto& attrs = m.candidate.attributes;
      auto anchor = attrs.find("anchor");
      const bool previous = anchor != attrs.end() && anchor->second == "previous";
      std::string value = rules::NormalizeDate(attrs, previous && !last_absolute_date.empty() ? last_absolute_date
                                                                                              : a.date);
      if (!value.empty()) {
        attrs["value"] = value;
        if (!attrs.count("relative")) last_absolute_date = value;
      }
    }
    for (Mention& m : chosen) a.mentions.push_back(std::move(m));
    a.sentences.push_back(std::move(sa));
  }

  std::vector<resolve::SentenceView> views;
  std::vector<relations::SentenceText> texts;
  views.reserve(a.sentences.size());
  texts.reserve(a.sentences.size());
  for (const SentenceAnalysis& sa : a.sentences) {
    views.push_back({sa.span, &sa.folded});
    texts.push_back({sa.span, &sa.nfkc});
  }
  resolve::EntityResolver resolver(&rep_->gazetteer, rep_->folder.get(), &particles);
  a.resolution = resolver.Resolve(text, views, &a.mentions);
  // Before the relation rules, so that {a:person} binds 그는 / He.
  resolve::ResolvePronouns(text, views, a.lang, &a.mentions, &a.resolution);
  a.facts = relations::ExtractFacts(rep_->rules, a.lang, texts, a.mentions);
  // Before the `within` check below, which then also applies to the conjuncts.
  relations::CoordinationInput coordination;
  coordination.text = text;
  coordination.lang = a.lang;
  coordination.sentences = &texts;
  coordination.mentions = &a.mentions;
  coordination.entity_of = &a.resolution.entity_of;
  coordination.within = [&](size_t inner, size_t outer) {
    const auto& ei = a.resolution.entity_of[inner];
    const auto& eo = a.resolution.entity_of[outer];
    return ei && eo && IsWithin(a.resolution.entities[*ei].id, a.resolution.entities[*eo].id);
  };
  relations::ExpandCoordination(coordination, &a.facts);
  // `require A within B`: checked against the gazetteer's parent chains.
  a.facts.erase(std::remove_if(a.facts.begin(), a.facts.end(),
                               [&](const relations::Fact& f) {
                                 for (const auto& [ia, ib] : f.within) {
                                   const auto& ea = a.resolution.entity_of[ia];
                                   const auto& eb = a.resolution.entity_of[ib];
                                   if (!ea || !eb ||
                                       !IsWithin(a.resolution.entities[*ea].id, a.resolution.entities[*eb].id)) {
                                     return true;
                                   }
                                 }
                                 return false;
                               }),
                a.facts.end());
  AttachEventAttributes(&a);
  return a;
}

graph::FactGraph Pipeline::BuildGraph(const Document& doc, const Analysis& a) const {
  return BuildGraph(doc, a, nullptr);
}

graph::FactGraph Pipeline::BuildGraph(const Document& doc, Analysis&& a) const {
  return BuildGraph(doc, a, &a);
}

graph::FactGraph Pipeline::BuildGraph(const Document& doc, const Analysis& a, Analysis* spent) const {
  static const std::string kValue = "value", kResolvedBy = "resolved_by", kUnresolved = "unresolved";
  const std::string doc_id = doc.id.empty() ? "doc" : doc.id;
  graph::FactGraph g(doc_id);
  auto& meta = g.metadata();
  meta["relata_version"] = RELATA_VERSION;
  meta["lang"] = a.lang;
  if (!a.date.empty()) meta["date"] = a.date;
  if (!a.date_source.empty()) meta["date_source"] = a.date_source;
  if (!doc.title.empty()) meta["title"] = doc.title;
  if (!doc.url.empty()) meta["url"] = doc.url;
  meta["sentences"] = std::to_string(a.sentences.size());
  meta["furniture_zones"] = std::to_string(a.zones.furniture.size());
  for (const std::string& w : a.warnings) g.warnings().push_back(w);

  const std::string& text = a.source.utf8();

  // The attributes of each fact's edge, made before the mentions' attributes
  // may be moved into their records below (a role's value is read from them).
  std::vector<std::map<std::string, std::string>> fact_attributes;
  fact_attributes.reserve(a.facts.size());
  for (const relations::Fact& f : a.facts) {
    std::map<std::string, std::string>& attributes = fact_attributes.emplace_back(f.attributes);
    for (const auto& [role, idx] : f.role_mentions) {
      const Mention& m = a.mentions[idx];
      auto v = m.candidate.attributes.find(kValue);
      attributes[role] = v != m.candidate.attributes.end()
                             ? v->second
                             : text.substr(m.candidate.span.begin, m.candidate.span.size());
    }
  }

  // The record of mention `i`; its attributes, particle and alternatives'
  // types and reasons are moved out of a spent analysis instead of copied.
  auto record_of = [&](size_t i) {
    const Mention& m = a.mentions[i];
    Mention* spent_mention = spent != nullptr ? &spent->mentions[i] : nullptr;
    graph::MentionRecord r;
    r.doc = doc_id;
    r.sentence = m.sentence;
    r.offsets = OffsetsOf(a.source, m.candidate.span);
    r.text = text.substr(m.candidate.span.begin, m.candidate.span.size());
    r.source = SourceLabel(m.candidate);
    if (spent_mention != nullptr) {
      r.particle = std::move(spent_mention->candidate.particle);
      r.attributes = std::move(spent_mention->candidate.attributes);
    } else {
      r.particle = m.candidate.particle;
      r.attributes = m.candidate.attributes;
    }
    r.alternatives.reserve(m.alternatives.size());
    for (size_t k = 0; k < m.alternatives.size(); ++k) {
      const Alternative& alt = m.alternatives[k];
      graph::AlternativeRecord ar;
      ar.text = text.substr(alt.candidate.span.begin, alt.candidate.span.size());
      ar.offsets = OffsetsOf(a.source, alt.candidate.span);
      ar.source = SourceLabel(alt.candidate);
      if (spent_mention != nullptr) {
        ar.type = std::move(spent_mention->alternatives[k].candidate.type);
        ar.reason = std::move(spent_mention->alternatives[k].reason);
      } else {
        ar.type = alt.candidate.type;
        ar.reason = alt.reason;
      }
      r.alternatives.push_back(std::move(ar));
    }
    return r;
  };

  // Mentions per entity (one node each), so that a node's list is allocated once.
  std::vector<size_t> mention_count(a.resolution.entities.size(), 0);
  for (const std::optional<size_t>& e : a.resolution.entity_of) {
    if (e) ++mention_count[*e];
  }
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const Mention& m = a.mentions[i];
    const std::optional<size_t>& e = a.resolution.entity_of[i];
    if (!e) {
      graph::MentionRecord record = record_of(i);
      record.attributes.insert_or_assign(kUnresolved, a.resolution.how[i]);
      g.unresolved().push_back(std::move(record));
      continue;
    }
    const resolve::ResolvedEntity& ent = a.resolution.entities[*e];
    bool fresh = false;
    graph::Node& node = g.UpsertNode(ent.id, ent.label, ent.type, &fresh);
    if (fresh) {
      node.mentions.reserve(mention_count[*e]);
      node.canonical_id = ent.canonical_id;
      if (ent.entry >= 0) {
        const gazetteer::EntryRef entry = rep_->gazetteer.entry(static_cast<uint32_t>(ent.entry));
        node.aliases = entry.aliases();
        node.attributes = entry.attributes();
        node.external_ids = entry.external_ids();
      }
      // Read before record_of may move the mention's attributes away.
      auto v = m.candidate.attributes.find(kValue);
      if (resolve::IsValueType(ent.type) && v != m.candidate.attributes.end()) {
        node.attributes.insert_or_assign(kValue, v->second);
      }
    }
    graph::MentionRecord record = record_of(i);
    if (m.candidate.source != MentionSource::kGazetteer) {
      record.attributes.insert_or_assign(kResolvedBy, a.resolution.how[i]);
    }
    node.mentions.push_back(std::move(record));
  }

  for (size_t k = 0; k < a.facts.size(); ++k) {
    const relations::Fact& f = a.facts[k];
    const auto& src = a.resolution.entity_of[f.source];
    const auto& dst = a.resolution.entity_of[f.target];
    if (!src || !dst) {
      g.warnings().push_back("fact '" + f.relation + "' by rule " + f.rule_id + " in sentence " +
                             std::to_string(f.sentence) + " not added: an argument is unresolved");
      continue;
    }
    if (*src == *dst) continue;  // a rule that bound one entity twice states nothing
    const SentenceAnalysis& sa = a.sentences[f.sentence];
    graph::Evidence ev;
    ev.doc = doc_id;
    ev.sentence = f.sentence;
    ev.sentence_text = text.substr(sa.span.begin, sa.span.size());
    ev.sentence_offsets = OffsetsOf(a.source, sa.span);
    ev.match_offsets = OffsetsOf(a.source, f.match);
    ev.rule = f.rule_id;
    const std::string& target_id = a.resolution.entities[*dst].id;
    if (f.relation == "located-at") {
      g.AddEdge(f.relation, a.resolution.entities[*src].id, target_id, f.directed, f.confidence, fact_attributes[k],
                ev);
      AddInferredLocations(a.resolution.entities[*src].id, target_id, f, ev, &g);
    } else {
      g.AddEdge(f.relation, a.resolution.entities[*src].id, target_id, f.directed, f.confidence, fact_attributes[k],
                std::move(ev));
    }
  }
  return g;
}

// Relations that are events (the rule files' `event` lines) get a date and a
// place from their sentence or the next one (relations/event_attributes.h).
void Pipeline::AttachEventAttributes(Analysis* a) const {
  relations::EventAttributeInput in;
  in.text = a->source.utf8();
  in.sentence_count = a->sentences.size();
  in.mentions = &a->mentions;
  in.entity_id = [a](size_t i) -> std::optional<std::string> {
    const auto& e = a->resolution.entity_of[i];
    if (!e) return std::nullopt;
    return a->resolution.entities[*e].id;
  };
  in.within = [this](const std::string& inner, const std::string& outer) { return IsWithin(inner, outer); };
  in.is_event = [this](const std::string& relation) { return rep_->rules.IsEventRelation(relation); };
  relations::AttachEventAttributes(in, &a->facts);
}

std::string Pipeline::ParentOf(const std::string& id) const {
  const int64_t idx = rep_->gazetteer.Find(id);
  std::string_view parent;
  if (idx < 0 || !rep_->gazetteer.entry(static_cast<uint32_t>(idx)).attribute("parent", &parent)) return "";
  return std::string(parent);
}

namespace {
// Parent chains are data; a cycle or a very deep chain must not hang us.
constexpr int kMaxPlaceDepth = 16;
}  // namespace

bool Pipeline::IsWithin(const std::string& inner, const std::string& outer) const {
  std::string current = inner;
  for (int depth = 0; depth < kMaxPlaceDepth; ++depth) {
    current = ParentOf(current);
    if (current.empty()) return false;
    if (current == outer) return true;
  }
  return false;
}

// located-at completed up the parent chain of the place (한남동 → 용산구 →
// 서울 → 한국). Each inferred edge carries the evidence of the stated fact,
// marked inferred, and names the place it was inferred through.
void Pipeline::AddInferredLocations(const std::string& source, const std::string& place,
                                    const relations::Fact& fact, const graph::Evidence& stated,
                                    graph::FactGraph* g) const {
  std::string current = place;
  for (int depth = 0; depth < kMaxPlaceDepth; ++depth) {
    const std::string parent = ParentOf(current);
    const int64_t pidx = parent.empty() ? -1 : rep_->gazetteer.Find(parent);
    if (pidx < 0 || parent == source) return;
    const gazetteer::Entry p = rep_->gazetteer.entry(static_cast<uint32_t>(pidx)).ToEntry();
    graph::Node& node = g->UpsertNode(p.id, p.name, p.type);
    if (node.canonical_id.empty()) {
      node.canonical_id = p.id;
      node.aliases = p.aliases;
      node.attributes = p.attributes;
      node.external_ids = p.external_ids;
    }
    graph::Evidence ev = stated;
    ev.inferred = true;
    std::map<std::string, std::string> attributes = fact.attributes;
    attributes["inferred_via"] = current;
    g->AddEdge(fact.relation, source, p.id, fact.directed, fact.confidence, attributes, std::move(ev));
    current = p.id;
  }
}

StatusOr<graph::FactGraph> Pipeline::Annotate(const Document& doc) const {
  StatusOr<Analysis> a = Analyze(doc);
  if (!a.ok()) return a.status();
  // The analysis is not needed after: its mentions' attributes move into the graph.
  return BuildGraph(doc, std::move(*a));
}

}  // namespace relata::pipeline
