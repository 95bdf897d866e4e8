// Fuzz target: the gazetteer loader (GazetteerBuilder::AddText for TSV and
// JSONL) and Build(), then matching with the built gazetteer.
//
// Input: the first byte picks the format (even: TSV, odd: JSONL); the rest is
// the file. Properties: loading never crashes; an error names fuzz.tsv:LINE
// (or fuzz.jsonl:LINE) and adds no entries; a built gazetteer holds exactly
// the entries added, finds each by id, and matching the casefolded file text
// itself returns in-bounds matches in (begin, end, entry) order.
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fuzz_util.h"
#include "gazetteer/gazetteer.h"
#include "segment/particles.h"
#include "text/normalizer.h"

namespace {

const relata::text::Normalizer& Folder() {
  static const auto* n = new relata::text::Normalizer(
      std::move(relata::text::Normalizer::Create(relata::text::NormalForm::kNfkcCasefold)).value());
  return *n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool jsonl = data[0] & 1;
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string file = jsonl ? "fuzz.jsonl" : "fuzz.tsv";
  relata::gazetteer::GazetteerBuilder builder;
  relata::Status st = builder.AddText(content, file, jsonl);
  if (!st.ok()) {
    FUZZ_CHECK(st.message().rfind(file + ":", 0) == 0, "error does not name the file: %s", st.message().c_str());
    // All or nothing: the failed file left nothing behind.
    auto empty = builder.Build(Folder());
    FUZZ_CHECK(empty.ok() && empty->empty(), "a failed file left entries behind");
    return 0;
  }
  auto gaz = builder.Build(Folder());
  if (!gaz.ok()) {
    FUZZ_CHECK(gaz.status().message().rfind(file + ":", 0) == 0, "build error does not name the file: %s",
               gaz.status().message().c_str());
    return 0;
  }
  for (size_t i = 0; i < gaz->size(); ++i) {
    FUZZ_CHECK(gaz->Find(gaz->entry(static_cast<uint32_t>(i)).id()) == static_cast<int64_t>(i), "entry %zu not found by id", i);
  }
  static const relata::segment::ParticleSet particles =
      relata::segment::ParticleSet::LoadFile(RELATA_FUZZ_RESOURCES "/rules/particles.tsv").value();
  const std::string folded = Folder().NormalizeString(content.size() > 4096 ? content.substr(0, 4096) : content);
  std::vector<relata::gazetteer::GazetteerMatch> matches;
  gaz->Match(folded, particles, &matches);
  for (size_t i = 0; i < matches.size(); ++i) {
    const auto& m = matches[i];
    FUZZ_CHECK(m.begin < m.end && m.end <= m.particle_end && m.particle_end <= folded.size(),
               "match [%zu, %zu, %zu) out of bounds (%zu bytes)", m.begin, m.end, m.particle_end, folded.size());
    FUZZ_CHECK(m.entry < gaz->size(), "match names entry %u of %zu", m.entry, gaz->size());
    if (i > 0) {
      const auto& p = matches[i - 1];
      FUZZ_CHECK(std::tie(p.begin, p.end, p.entry) <= std::tie(m.begin, m.end, m.entry), "matches out of order");
    }
    gaz->ContextSatisfied(m.entry, folded);
  }
  gaz->Stats();
  return 0;
}
