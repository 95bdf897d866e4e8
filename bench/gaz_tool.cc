// Gazetteer-matching side of the benchmark, one process per measurement so
// that /usr/bin/time reports each one's peak memory on its own:
//
//   gaz_tool fold CORPUS.jsonl OUT.txt        NFKC_Casefold each document's text
//                                             (newlines → spaces), one per line:
//                                             the bytes every matcher scans
//   gaz_tool surfaces GAZ.tsv OUT.txt         the normalized names and aliases,
//                                             one per line, for the peers
//   gaz_tool compile GAZ.tsv OUT.img          build the image (relata compile's path)
//   gaz_tool match IMAGE FOLDED.txt [REPEAT]  map the image, Match() every line
//   gaz_tool naive SURFACES FOLDED.txt BYTES  std::string::find per surface over
//                                             the first BYTES of the text (the floor)
//   gaz_tool resident IMAGE FOLDED.txt BYTES  Match() the first BYTES and read each
//                                             match's entry as the pipeline does (type,
//                                             id, priority, context), then report how
//                                             much of each image section is resident
//
// Each prints one line of key=value figures for bench/run.sh.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer/gazetteer.h"
#include "gazetteer/image.h"
#include "segment/particles.h"
#include "text/normalizer.h"

using namespace relata;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CPU time of this thread: on a shared machine it moves less than wall time
// (time spent descheduled is not counted); both are reported.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string_view> Lines(const std::string& s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    if (nl > pos) out.emplace_back(s.data() + pos, nl - pos);
    pos = nl + 1;
  }
  return out;
}

text::Normalizer Folder() {
  auto f = text::Normalizer::Create(text::NormalForm::kNfkcCasefold);
  if (!f.ok()) {
    std::fprintf(stderr, "%s\n", f.status().message().c_str());
    std::exit(2);
  }
  return std::move(f).value();
}

int Fold(const std::string& in, const std::string& out) {
  const text::Normalizer folder = Folder();
  std::ifstream f(in);
  std::ofstream o(out, std::ios::binary);
  std::string line;
  while (std::getline(f, line)) {
    auto j = nlohmann::json::parse(line);
    std::string t = folder.NormalizeString(j["text"].get<std::string>());
    for (char& c : t) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    o << t << '\n';
  }
  return 0;
}

int Surfaces(const std::string& in, const std::string& out) {
  const text::Normalizer folder = Folder();
  gazetteer::GazetteerBuilder b;
  Status st = b.AddFile(in);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 2;
  }
  auto g = b.Build(folder);
  std::ofstream o(out, std::ios::binary);
  std::vector<std::string> seen;
  for (uint32_t i = 0; i < g->size(); ++i) {
    const gazetteer::EntryRef e = g->entry(i);
    seen.push_back(folder.NormalizeString(e.name()));
    for (size_t k = 0; k < e.alias_count(); ++k) seen.push_back(folder.NormalizeString(e.alias(k)));
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (const std::string& s : seen) o << s << '\n';
  return 0;
}

int Compile(const std::string& in, const std::string& out) {
  const text::Normalizer folder = Folder();
  const auto t0 = Clock::now();
  gazetteer::GazetteerStats stats;
  Status st = gazetteer::CompileImage({in}, folder, out, &stats);
  const auto t1 = Clock::now();
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 2;
  }
  std::printf("build_s=%.3f entries=%zu names=%zu\n", Seconds(t0, t1), stats.entries, stats.surfaces);
  return 0;
}

int Match(const std::string& image, const std::string& folded_path, int repeat) {
  const std::string folded = ReadFile(folded_path);
  const std::vector<std::string_view> lines = Lines(folded);
  auto particles = segment::ParticleSet::LoadFile(std::string(RELATA_SOURCE_DIR) + "/rules/ko/particles.tsv");
  const auto t0 = Clock::now();
  auto g = gazetteer::LoadImage(image, 0);
  const auto t1 = Clock::now();
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().message().c_str());
    return 2;
  }
  std::vector<gazetteer::GazetteerMatch> out;
  // Start-up's gazetteer part: the map and header check above, then the first
  // document's Match, which faults in the pages it needs.
  double first_match_ms = 0;
  if (!lines.empty()) {
    const auto a = Clock::now();
    g->Match(lines[0], *particles, &out);
    first_match_ms = Seconds(a, Clock::now()) * 1e3;
    out.clear();
  }
  size_t matches = 0, bytes = 0;
  std::vector<double> runs, cpu_runs;
  for (int r = 0; r < repeat; ++r) {
    matches = 0;
    bytes = 0;
    const auto a = Clock::now();
    const double ca = CpuSeconds();
    for (std::string_view line : lines) {
      out.clear();
      g->Match(line, *particles, &out);
      matches += out.size();
      bytes += line.size();
    }
    runs.push_back(bytes / 1e6 / Seconds(a, Clock::now()));
    cpu_runs.push_back(bytes / 1e6 / (CpuSeconds() - ca));
  }
  std::sort(runs.begin(), runs.end());
  std::sort(cpu_runs.begin(), cpu_runs.end());
  std::printf("load_ms=%.3f first_match_ms=%.3f mbps=%.1f cpu_mbps=%.1f matches=%zu bytes=%zu\n",
              Seconds(t0, t1) * 1e3, first_match_ms, runs[runs.size() / 2], cpu_runs[cpu_runs.size() / 2], matches,
              bytes);
  return 0;
}

int Naive(const std::string& surfaces_path, const std::string& folded_path, size_t slice) {
  const std::string all = ReadFile(folded_path);
  const std::string text = all.substr(0, std::min(slice, all.size()));
  const std::string s = ReadFile(surfaces_path);
  const std::vector<std::string_view> surfaces = Lines(s);
  std::vector<std::string> owned(surfaces.begin(), surfaces.end());
  size_t matches = 0;
  const auto a = Clock::now();
  for (const std::string& sf : owned) {
    for (size_t p = text.find(sf); p != std::string::npos; p = text.find(sf, p + 1)) ++matches;
  }
  const double sec = Seconds(a, Clock::now());
  std::printf("mbps=%.4f slice_bytes=%zu seconds=%.3f raw_matches=%zu\n", text.size() / 1e6 / sec, text.size(), sec,
              matches);
  return 0;
}

// Pages of [p, p + size) present in this process's page table (not merely in
// the page cache): what counts toward its RSS.
size_t ResidentBytes(const void* p, size_t size) {
  const int fd = ::open("/proc/self/pagemap", O_RDONLY);
  if (fd < 0 || size == 0) return 0;
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t first = reinterpret_cast<uintptr_t>(p) / page, last = (reinterpret_cast<uintptr_t>(p) + size - 1) / page;
  size_t present = 0;
  std::vector<uint64_t> entries(last - first + 1);
  if (pread(fd, entries.data(), entries.size() * 8, static_cast<off_t>(first * 8)) > 0) {
    for (uint64_t e : entries) present += (e >> 63) & 1;
  }
  ::close(fd);
  return present * page;
}

int Resident(const std::string& image, const std::string& folded_path, size_t slice) {
  const std::string all = ReadFile(folded_path);
  const std::vector<std::string_view> lines = Lines(all);
  auto particles = segment::ParticleSet::LoadFile(std::string(RELATA_SOURCE_DIR) + "/rules/ko/particles.tsv");
  auto g = gazetteer::LoadImage(image, 0);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().message().c_str());
    return 2;
  }
  std::vector<gazetteer::GazetteerMatch> out;
  size_t bytes = 0, matches = 0, sum = 0, shadowed = 0, with_particle = 0, two_syllables = 0, starts = 0;
  for (std::string_view line : lines) {
    if (bytes >= slice) break;
    out.clear();
    g->Match(line, *particles, &out);
    for (const gazetteer::GazetteerMatch& m : out) {
      const gazetteer::EntryRef e = g->entry(m.entry);
      // The pipeline copies the type and id of every match.
      const std::string_view id = e.id(), type = e.type();
      sum += static_cast<size_t>(std::count(id.begin(), id.end(), ':')) + type.size() + static_cast<size_t>(e.priority()) +
             (g->ContextSatisfied(m.entry, line) ? 1 : 0);
    }
    // What the matches are: shadowed by a longer one at the same start (the
    // overlap policy drops them), ending inside an eojeol (a particle follows),
    // two-syllable Hangul names (where accidental hits come from).
    for (size_t k = 0; k < out.size(); ++k) {
      if (k + 1 < out.size() && out[k + 1].begin == out[k].begin && out[k + 1].end > out[k].end) ++shadowed;
      if (out[k].particle_end > out[k].end) ++with_particle;
      if (out[k].end - out[k].begin == 6 && static_cast<unsigned char>(line[out[k].begin]) >= 0xEA) ++two_syllables;
      if (k == 0 || out[k].begin != out[k - 1].begin) ++starts;
    }
    matches += out.size();
    bytes += line.size();
  }
  std::printf("starts=%zu shadowed=%zu with_particle=%zu two_syllable_hangul=%zu\n", starts, shadowed, with_particle,
              two_syllables);
  const std::string_view img = g->image_bytes();
  {
    gazetteer::image::Header h;
    std::memcpy(&h, img.data(), sizeof(h));
    static const char* kNames[] = {"nodes", "terminals", "entry_lists", "root", "entries", "refs", "pool", "by_id", "sources", "term_slots", "wide"};
    size_t total = 0;
    for (uint32_t k = 0; k < gazetteer::image::kSectionCount; ++k) {
      const size_t r = ResidentBytes(img.data() + h.sections[k].offset, h.sections[k].size);
      total += r;
      std::printf("%s=%.1f/%.1fMB ", kNames[k], r / 1e6, h.sections[k].size / 1e6);
    }
    std::printf("resident=%.1fMB matches=%zu bytes=%zu (%zu)\n", total / 1e6, matches, bytes, sum % 7);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "fold" && argc == 4) return Fold(argv[2], argv[3]);
  if (cmd == "surfaces" && argc == 4) return Surfaces(argv[2], argv[3]);
  if (cmd == "compile" && argc == 4) return Compile(argv[2], argv[3]);
  if (cmd == "match" && argc >= 4) return Match(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 3);
  if (cmd == "resident" && argc == 5) return Resident(argv[2], argv[3], std::stoull(argv[4]));
  if (cmd == "naive" && argc == 5) return Naive(argv[2], argv[3], std::stoull(argv[4]));
  std::fprintf(stderr, "usage: see the comment at the top of bench/gaz_tool.cc\n");
  return 2;
}
