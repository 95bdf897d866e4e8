#include "pipeline/output_sink.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace relata::pipeline {
namespace fs = std::filesystem;

StatusOr<std::unique_ptr<OutputSink>> OutputSink::Open(const std::string& path) {
  std::unique_ptr<OutputSink> s(new OutputSink());
  s->path_ = path;
  if (path == "-") {
    s->file_ = stdout;
    return s;
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (fs::is_directory(st)) return Status::IoError(path + ": is a directory");
  const bool special = fs::exists(st) && !fs::is_regular_file(st);
  if (special) {
    s->file_ = std::fopen(path.c_str(), "wb");
    if (s->file_ == nullptr) return Status::IoError(path + ": cannot open for writing: " + std::strerror(errno));
    s->owns_ = true;
    return s;
  }
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) return Status::IoError(path + ": directory " + dir.string() + " does not exist");
  std::string templ = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = ::mkstemp(templ.data());
  if (fd < 0) return Status::IoError(path + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno));
  s->file_ = ::fdopen(fd, "wb");
  if (s->file_ == nullptr) {
    ::close(fd);
    ::unlink(templ.c_str());
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  s->temp_path_ = templ;
  s->owns_ = true;
  return s;
}

OutputSink::~OutputSink() {
  if (owns_ && file_ != nullptr) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

Status OutputSink::Fail(const std::string& what) {
  const int err = errno;
  if (err == EPIPE) {
    broken_pipe_ = true;
    return Status::IoError(path_ + ": broken pipe");
  }
  return Status::IoError((path_ == "-" ? std::string("standard output") : path_) + ": " + what + ": " +
                         std::strerror(err));
}

Status OutputSink::Write(std::string_view data) {
  if (file_ == nullptr || broken_pipe_) return Status::IoError(path_ + ": output is closed");
  errno = 0;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) return Fail("write failed");
  return Status::Ok();
}

Status OutputSink::Commit() {
  if (committed_) return Status::Ok();
  if (file_ == nullptr) return Status::IoError(path_ + ": output is closed");
  errno = 0;
  if (std::fflush(file_) != 0) return Fail("write failed");
  if (owns_) {
    if (!temp_path_.empty() && ::fsync(::fileno(file_)) != 0 && errno != EINVAL) return Fail("fsync failed");
    const int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) return Fail("close failed");
  }
  if (!temp_path_.empty()) {
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) return Fail("rename failed");
  }
  committed_ = true;
  return Status::Ok();
}

}  // namespace relata::pipeline
