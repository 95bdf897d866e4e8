// Fuzz target: the whole pipeline on arbitrary bytes, with the small fixed
// resource set under tests/fuzz/resources/ (rules of every kind and a tiny
// gazetteer), in lenient mode, written as JSON.
//
// Input: the first byte picks the language (ko, en, auto) and whether a
// document date is given; the rest is the article. Properties: annotation in
// lenient mode never fails; the JSON written parses; every mention and every
// piece of evidence has offsets in bounds and ordered in all three units, and
// its text is exactly the decoded text between its code point offsets.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "graph/json_writer.h"
#include "pipeline/pipeline.h"
#include "text/source_text.h"

namespace {

const relata::pipeline::Pipeline& GetPipeline() {
  static const relata::pipeline::Pipeline* p = [] {
    relata::pipeline::PipelineOptions options;
    options.rule_paths = {RELATA_FUZZ_RESOURCES "/rules"};
    options.gazetteer_paths = {RELATA_FUZZ_RESOURCES "/gazetteer.tsv"};
    options.lenient = true;
    auto created = relata::pipeline::Pipeline::Create(options);
    FUZZ_CHECK(created.ok(), "cannot build the fuzz pipeline: %s", created.status().message().c_str());
    return new relata::pipeline::Pipeline(std::move(created).value());
  }();
  return *p;
}

struct Decoded {
  std::string text;
  std::vector<size_t> cp_to_byte;  // byte offset in `text` of each code point, plus the end
  size_t utf16 = 0;
  size_t input_bytes = 0;
};

void CheckOffsets(const nlohmann::json& o, const Decoded& d, const char* what) {
  const size_t start = o.at("start"), end = o.at("end");
  const size_t bs = o.at("byte_start"), be = o.at("byte_end");
  const size_t us = o.at("utf16_start"), ue = o.at("utf16_end");
  const size_t cps = d.cp_to_byte.size() - 1;
  FUZZ_CHECK(start <= end && end <= cps, "%s: code points [%zu, %zu) of %zu", what, start, end, cps);
  FUZZ_CHECK(bs <= be && be <= d.input_bytes, "%s: bytes [%zu, %zu) of %zu", what, bs, be, d.input_bytes);
  FUZZ_CHECK(us <= ue && ue <= d.utf16, "%s: utf16 [%zu, %zu) of %zu", what, us, ue, d.utf16);
  FUZZ_CHECK(end - start <= ue - us && ue - us <= 2 * (end - start), "%s: utf16 length disagrees", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  relata::pipeline::Document doc;
  doc.id = "fuzz";
  static const char* const kLangs[] = {"ko", "en", "auto", "auto"};
  doc.lang = kLangs[data[0] & 3];
  if (data[0] & 4) doc.date = "2024-02-29";
  doc.bytes.assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  const relata::pipeline::Pipeline& p = GetPipeline();
  auto graph = p.Annotate(doc);
  FUZZ_CHECK(graph.ok(), "lenient annotation failed: %s", graph.status().message().c_str());

  Decoded d;
  relata::text::DecodeOptions lenient;
  lenient.lenient = true;
  d.text = relata::text::SourceText::Decode(doc.bytes, lenient, nullptr).value().utf8();
  d.input_bytes = doc.bytes.size();
  for (size_t i = 0; i < d.text.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(d.text[i]);
    if ((b & 0xC0) == 0x80) continue;
    d.cp_to_byte.push_back(i);
    d.utf16 += b >= 0xF0 ? 2 : 1;
  }
  d.cp_to_byte.push_back(d.text.size());

  for (bool pretty : {false, true}) {
    std::string out;
    relata::graph::AppendGraphJson(*graph, pretty, &out);
    nlohmann::json j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!j.is_discarded(), "the graph JSON does not parse (pretty=%d)", pretty);
    if (pretty) continue;
    const nlohmann::json& g = j.at("graph");
    for (const auto& [id, node] : g.at("nodes").items()) {
      for (const auto& m : node.at("metadata").at("mentions")) {
        CheckOffsets(m, d, "mention");
        const size_t start = m.at("start"), end = m.at("end");
        const std::string slice =
            d.text.substr(d.cp_to_byte[start], d.cp_to_byte[end] - d.cp_to_byte[start]);
        FUZZ_CHECK(m.at("text") == slice, "mention text differs from text[%zu:%zu]", start, end);
      }
    }
    for (const auto& e : g.at("edges")) {
      for (const auto& ev : e.at("metadata").at("evidence")) {
        CheckOffsets(ev, d, "evidence sentence");
        CheckOffsets(ev.at("match"), d, "evidence match");
        const size_t start = ev.at("start"), end = ev.at("end");
        const size_t ms = ev.at("match").at("start"), me = ev.at("match").at("end");
        FUZZ_CHECK(start <= ms && me <= end, "evidence match [%zu, %zu) outside its sentence [%zu, %zu)", ms, me,
                   start, end);
        const std::string slice =
            d.text.substr(d.cp_to_byte[start], d.cp_to_byte[end] - d.cp_to_byte[start]);
        FUZZ_CHECK(ev.at("text") == slice, "evidence text differs from text[%zu:%zu]", start, end);
      }
    }
  }
  return 0;
}
