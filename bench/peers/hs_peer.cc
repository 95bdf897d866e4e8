// Hyperscan peer for the gazetteer-matching stage: every surface as a literal
// (hs_compile_lit_multi, HS_FLAG_SOM_LEFTMOST so each match knows its start,
// as a gazetteer match must), in block mode over the same folded corpus.
//
//   hs_peer build SURFACES.txt DB.bin [--no-som]
//                                         compile and serialize; --no-som drops
//                                         HS_FLAG_SOM_LEFTMOST (end offsets only:
//                                         Hyperscan's fastest literal mode, but
//                                         a match without its start is not yet
//                                         a gazetteer match)
//   hs_peer scan DB.bin FOLDED.txt [R]    deserialize (timed) and scan R times
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

static double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

static std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

static int OnMatch(unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  ++*static_cast<size_t*>(ctx);
  return 0;
}

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "build" && (argc == 4 || argc == 5)) {
    const bool som = argc == 4;
    std::vector<std::string> lits;
    std::istringstream in(ReadFile(argv[2]));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lits.push_back(line);
    }
    std::vector<const char*> ptrs;
    std::vector<size_t> lens;
    std::vector<unsigned> flags(lits.size(), som ? HS_FLAG_SOM_LEFTMOST : 0u), ids(lits.size());
    for (size_t i = 0; i < lits.size(); ++i) {
      ptrs.push_back(lits[i].data());
      lens.push_back(lits[i].size());
      ids[i] = static_cast<unsigned>(i);
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    const auto t0 = Clock::now();
    if (hs_compile_lit_multi(ptrs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(lits.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      std::fprintf(stderr, "hs_compile_lit_multi: %s\n", err ? err->message : "?");
      return 2;
    }
    const double build = Seconds(t0, Clock::now());
    char* bytes = nullptr;
    size_t size = 0;
    hs_serialize_database(db, &bytes, &size);
    std::ofstream(argv[3], std::ios::binary).write(bytes, static_cast<std::streamsize>(size));
    std::printf("build_s=%.3f db_bytes=%zu literals=%zu\n", build, size, lits.size());
    return 0;
  }
  if (cmd == "scan" && argc >= 4) {
    const int repeat = argc > 4 ? std::atoi(argv[4]) : 3;
    const std::string text = ReadFile(argv[3]);
    const auto t0 = Clock::now();
    const std::string bytes = ReadFile(argv[2]);
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) {
      std::fprintf(stderr, "cannot load %s\n", argv[2]);
      return 2;
    }
    hs_scratch_t* scratch = nullptr;
    hs_alloc_scratch(db, &scratch);
    const double load = Seconds(t0, Clock::now());
    std::vector<double> runs;
    size_t matches = 0;
    for (int r = 0; r < repeat; ++r) {
      matches = 0;
      const auto a = Clock::now();
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, &matches);
      runs.push_back(text.size() / 1e6 / Seconds(a, Clock::now()));
    }
    std::sort(runs.begin(), runs.end());
    std::printf("load_ms=%.3f mbps=%.1f raw_matches=%zu bytes=%zu\n", load * 1e3, runs[runs.size() / 2], matches,
                text.size());
    return 0;
  }
  std::fprintf(stderr, "usage: hs_peer build SURFACES DB | hs_peer scan DB FOLDED [REPEAT]\n");
  return 2;
}
