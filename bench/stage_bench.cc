// Google Benchmark cases, one per pipeline stage, each reporting bytes/s of
// article text through that stage alone (inputs for later stages are prepared
// outside the timed loop). Data: $RELATA_BENCH_DATA (default bench/data, made
// by bench/gen_corpus.py); the first ~2 MB of corpus.jsonl are used, and the
// gazetteer cases map gaz_1k.img / gaz_100k.img / gaz_1m.img when present
// (bench/run.sh compiles them).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer/image.h"
#include "graph/json_writer.h"
#include "pipeline/pipeline.h"
#include "segment/sentences.h"

using namespace relata;

namespace {

std::string DataDir() {
  const char* d = std::getenv("RELATA_BENCH_DATA");
  return d != nullptr && *d != '\0' ? d : std::string(RELATA_SOURCE_DIR) + "/bench/data";
}

const std::vector<pipeline::Document>& Docs() {
  static const std::vector<pipeline::Document>* docs = [] {
    auto* out = new std::vector<pipeline::Document>;
    std::ifstream in(DataDir() + "/corpus.jsonl");
    size_t bytes = 0;
    for (std::string line; bytes < 2'000'000 && std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      pipeline::Document d;
      d.id = j["id"].get<std::string>();
      d.lang = j["lang"].get<std::string>();
      d.bytes = j["text"].get<std::string>();
      bytes += d.bytes.size();
      out->push_back(std::move(d));
    }
    if (out->empty()) std::fprintf(stderr, "no corpus in %s (run bench/gen_corpus.py)\n", DataDir().c_str());
    return out;
  }();
  return *docs;
}

int64_t DocBytes() {
  int64_t n = 0;
  for (const auto& d : Docs()) n += static_cast<int64_t>(d.bytes.size());
  return n;
}

const pipeline::Pipeline& Shipped() {
  static const pipeline::Pipeline* p = [] {
    auto made = pipeline::Pipeline::Create({});
    if (!made.ok()) {
      std::fprintf(stderr, "%s\n", made.status().message().c_str());
      std::exit(2);
    }
    return new pipeline::Pipeline(std::move(made).value());
  }();
  return *p;
}

const std::vector<pipeline::Analysis>& Analyses() {
  static const std::vector<pipeline::Analysis>* a = [] {
    auto* out = new std::vector<pipeline::Analysis>;
    for (const auto& d : Docs()) out->push_back(std::move(Shipped().Analyze(d)).value());
    return out;
  }();
  return *a;
}

const text::Normalizer& Folder() {
  static const text::Normalizer* n =
      new text::Normalizer(std::move(text::Normalizer::Create(text::NormalForm::kNfkcCasefold)).value());
  return *n;
}

void BM_Normalize(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& d : Docs()) benchmark::DoNotOptimize(Folder().Normalize(d.bytes));
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

void BM_SegmentSentences(benchmark::State& state) {
  auto ko = segment::SentenceSplitter::Create("ko");
  auto en = segment::SentenceSplitter::Create("en");
  std::vector<ByteSpan> spans;
  for (auto _ : state) {
    for (const auto& d : Docs()) {
      spans.clear();
      (d.lang == "ko" ? *ko : *en).Split(d.bytes, {0, d.bytes.size()}, &spans);
    }
    benchmark::DoNotOptimize(spans.data());
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_SegmentSentences)->Unit(benchmark::kMillisecond);

// Matching over each sentence's casefolded text, as Analyze does.
void GazetteerMatch(benchmark::State& state, const gazetteer::Gazetteer& g) {
  std::vector<std::string> folded;
  int64_t bytes = 0;
  for (const auto& a : Analyses()) {
    for (const auto& s : a.sentences) {
      folded.push_back(s.folded.text);
      bytes += static_cast<int64_t>(s.folded.text.size());
    }
  }
  const segment::ParticleSet& particles = Shipped().rules().particles();
  std::vector<gazetteer::GazetteerMatch> out;
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const std::string& f : folded) {
      out.clear();
      g.Match(f, particles, &out);
      matches += out.size();
    }
  }
  state.counters["matches"] = static_cast<double>(matches);
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_GazetteerMatchShipped(benchmark::State& state) { GazetteerMatch(state, Shipped().gazetteer()); }
BENCHMARK(BM_GazetteerMatchShipped)->Unit(benchmark::kMillisecond);

void BM_GazetteerMatchImage(benchmark::State& state, const char* name) {
  auto g = gazetteer::LoadImage(DataDir() + "/" + name, 0);
  if (!g.ok()) {
    state.SkipWithError(g.status().message().c_str());
    return;
  }
  GazetteerMatch(state, *g);
}
BENCHMARK_CAPTURE(BM_GazetteerMatchImage, 1k, "gaz_1k.img")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_GazetteerMatchImage, 100k, "gaz_100k.img")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_GazetteerMatchImage, 1m, "gaz_1m.img")->Unit(benchmark::kMillisecond);

void BM_PatternRules(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> sentences;  // (nfkc, lang)
  int64_t bytes = 0;
  for (const auto& a : Analyses()) {
    for (const auto& s : a.sentences) {
      sentences.emplace_back(s.nfkc.text, a.lang);
      bytes += static_cast<int64_t>(s.nfkc.text.size());
    }
  }
  std::vector<rules::EntityMatch> out;
  for (auto _ : state) {
    for (const auto& [text, lang] : sentences) {
      out.clear();
      Shipped().rules().MatchEntities(text, lang, &out);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_PatternRules)->Unit(benchmark::kMillisecond);

void BM_RelationRules(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& a : Analyses()) {
      std::vector<relations::SentenceText> texts;
      for (const auto& s : a.sentences) texts.push_back({s.span, &s.nfkc});
      benchmark::DoNotOptimize(relations::ExtractFacts(Shipped().rules(), a.lang, texts, a.mentions));
    }
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_RelationRules)->Unit(benchmark::kMillisecond);

void BM_JsonOutput(benchmark::State& state) {
  std::vector<graph::FactGraph> graphs;
  for (size_t i = 0; i < Docs().size(); ++i) graphs.push_back(Shipped().BuildGraph(Docs()[i], Analyses()[i]));
  std::string buf;
  for (auto _ : state) {
    for (const auto& g : graphs) {
      buf.clear();
      graph::AppendGraphJson(g, false, &buf);
    }
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_JsonOutput)->Unit(benchmark::kMillisecond);

void BM_AnnotateShipped(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& d : Docs()) benchmark::DoNotOptimize(Shipped().Annotate(d));
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_AnnotateShipped)->Unit(benchmark::kMillisecond);

// --- Stages outside the rules, as Analyze and BuildGraph run them ---------

const text::Normalizer& Nfkc() {
  static const text::Normalizer* n =
      new text::Normalizer(std::move(text::Normalizer::Create(text::NormalForm::kNfkc)).value());
  return *n;
}

// Both normal forms of every sentence (what Analyze does per sentence), with
// the offset maps; bytes are sentence bytes.
void BM_NormalizeSentences(benchmark::State& state) {
  std::vector<std::string_view> sentences;
  int64_t bytes = 0;
  for (size_t i = 0; i < Docs().size(); ++i) {
    const std::string& text = Analyses()[i].source.utf8();
    for (const auto& s : Analyses()[i].sentences) {
      sentences.emplace_back(text.data() + s.span.begin, s.span.size());
      bytes += static_cast<int64_t>(s.span.size());
    }
  }
  for (auto _ : state) {
    for (std::string_view s : sentences) {
      benchmark::DoNotOptimize(Folder().Normalize(s));
      benchmark::DoNotOptimize(Nfkc().Normalize(s));
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_NormalizeSentences)->Unit(benchmark::kMillisecond);

// Within-document resolution (resolve::EntityResolver::Resolve) over the
// mentions the overlap policy chose: those of each analysis without the ones
// resolution itself added (source kResolution). Copying them for each run is
// left out of the time.
void BM_Resolve(benchmark::State& state) {
  std::vector<std::vector<Mention>> chosen;
  for (const auto& a : Analyses()) {
    auto& doc = chosen.emplace_back();
    for (const Mention& m : a.mentions) {
      if (m.candidate.source != MentionSource::kResolution) doc.push_back(m);
    }
  }
  const resolve::EntityResolver resolver(&Shipped().gazetteer(), &Folder(), &Shipped().rules().particles());
  std::vector<Mention> mentions;
  for (auto _ : state) {
    for (size_t i = 0; i < chosen.size(); ++i) {
      state.PauseTiming();
      mentions = chosen[i];
      std::vector<resolve::SentenceView> views;
      for (const auto& s : Analyses()[i].sentences) views.push_back({s.span, &s.folded});
      state.ResumeTiming();
      benchmark::DoNotOptimize(resolver.Resolve(Analyses()[i].source.utf8(), views, &mentions));
    }
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_Resolve)->Unit(benchmark::kMillisecond);

// UTF-8 validation and the offset index of every document.
void BM_DecodeSource(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& d : Docs()) {
      benchmark::DoNotOptimize(text::SourceText::Decode(d.bytes, {}, nullptr));
    }
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_DecodeSource)->Unit(benchmark::kMillisecond);

// The public offsets of every mention and sentence, in the order BuildGraph asks.
void BM_OffsetsOf(benchmark::State& state) {
  size_t spans = 0;
  for (auto _ : state) {
    spans = 0;
    for (const auto& a : Analyses()) {
      for (const auto& m : a.mentions) benchmark::DoNotOptimize(pipeline::OffsetsOf(a.source, m.candidate.span));
      for (const auto& s : a.sentences) benchmark::DoNotOptimize(pipeline::OffsetsOf(a.source, s.span));
      spans += a.mentions.size() + a.sentences.size();
    }
  }
  state.counters["spans"] = static_cast<double>(spans);
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_OffsetsOf)->Unit(benchmark::kMillisecond);

void BM_BuildGraph(benchmark::State& state) {
  for (auto _ : state) {
    for (size_t i = 0; i < Docs().size(); ++i) benchmark::DoNotOptimize(Shipped().BuildGraph(Docs()[i], Analyses()[i]));
  }
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_BuildGraph)->Unit(benchmark::kMillisecond);

// Like BM_JsonOutput, into one growing buffer as the JSONL writer fills it.
void BM_JsonOutputAppend(benchmark::State& state) {
  std::vector<graph::FactGraph> graphs;
  for (size_t i = 0; i < Docs().size(); ++i) graphs.push_back(Shipped().BuildGraph(Docs()[i], Analyses()[i]));
  std::string buf;
  int64_t out_bytes = 0;
  for (auto _ : state) {
    buf.clear();
    for (const auto& g : graphs) {
      graph::AppendGraphJson(g, false, &buf);
      buf.push_back('\n');
    }
    out_bytes = static_cast<int64_t>(buf.size());
    benchmark::DoNotOptimize(buf.data());
  }
  state.counters["json_bytes"] = static_cast<double>(out_bytes);
  state.SetBytesProcessed(state.iterations() * DocBytes());
}
BENCHMARK(BM_JsonOutputAppend)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
