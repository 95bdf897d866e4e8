#include "rules/rule_stamp.h"

#include <dlfcn.h>
#include <re2/re2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/files.h"

namespace relata::rules::internal {
namespace {

// Bump when the stamp's meaning changes. (A change to what a load checks needs
// no bump: the key holds relata's own executable or library.)
constexpr const char* kStampFormat = "relata-rule-stamp-2";

// Two independent 64-bit FNV-1a streams: a 128-bit key, so that an edit
// colliding with the old key is out of the question.
struct Hasher {
  uint64_t a = 0xcbf29ce484222325ULL;
  uint64_t b = 0x84222325cbf29ce4ULL;
  void Add(std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 0x100000001b3ULL;
      b = (b ^ c) * 0x00000100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
    // Length-delimited, so that ("ab","c") and ("a","bc") differ.
    const std::string len = std::to_string(s.size()) + ";";
    for (unsigned char c : len) {
      a = (a ^ c) * 0x100000001b3ULL;
      b = (b ^ c) * 0x00000100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
  }
};

// The file that holds the code at `address` (a shared object, or the
// executable when linked statically), with its size and modification time:
// an upgrade or a rebuild is a miss.
std::string CodeIdentity(const char* label, const void* address) {
  Dl_info info{};
  if (dladdr(address, &info) == 0 || info.dli_fname == nullptr) return std::string(label) + ":unknown";
  std::string id = std::string(label) + ":" + info.dli_fname;
  char* real = realpath(info.dli_fname, nullptr);
  if (real != nullptr) {
    id += std::string("=") + real;
    std::free(real);
  }
  struct stat st {};
  if (::stat(info.dli_fname, &st) == 0)
    id += ":" + std::to_string(st.st_size) + ":" + std::to_string(static_cast<long long>(st.st_mtime));
  return id;
}

}  // namespace

std::string RuleStampPath(const std::vector<std::pair<std::string, std::string>>& files, const LoadOptions& options) {
  const std::string dir = DefaultCacheDir();
  if (dir.empty()) return "";
  Hasher h;
  h.Add(kStampFormat);
  // Which RE2 compiles the patterns, and which relata checks them: a new
  // relata may check more at load, so its stamps are its own.
  h.Add(CodeIdentity("re2", reinterpret_cast<const void*>(&RE2::QuoteMeta)));
  h.Add(CodeIdentity("relata", reinterpret_cast<const void*>(&RuleStampPath)));
  h.Add(std::to_string(options.max_file_bytes) + "," + std::to_string(options.max_pattern_bytes) + "," +
        std::to_string(options.max_program_memory));
  for (const auto& [name, bytes] : files) {
    h.Add(name);
    h.Add(bytes);
  }
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%016" PRIx64 "%016" PRIx64, h.a, h.b);
  return dir + "/rules-" + buf + ".ok";
}

bool HasRuleStamp(const std::string& path) {
  if (path.empty()) return false;
  std::ifstream in(path);
  std::string line;
  return in && std::getline(in, line) && line == kStampFormat;
}

void WriteRuleStamp(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return;
  // Written beside and renamed over, so that a concurrent reader sees the
  // whole stamp or none.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return;
    out << kStampFormat << "\n";
    if (!out.flush()) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace relata::rules::internal
