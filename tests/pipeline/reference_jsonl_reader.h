// The JSONL reader's contract for one line, computed the plain way: parse
// with nlohmann::json, then check each field. The unit tests and the fuzz
// target both hold DocumentReader (and its fast path for flat lines) to it.
#ifndef RELATA_TESTS_PIPELINE_REFERENCE_JSONL_READER_H_
#define RELATA_TESTS_PIPELINE_REFERENCE_JSONL_READER_H_

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "pipeline/document_reader.h"

namespace relata::pipeline::testing {

// Field names and messages are the reader's contract; `seen` holds the ids
// of earlier lines.
inline DocumentReader::Item ReferenceJsonlItem(const std::string& path, size_t line_no, std::string_view line,
                                               const std::string& default_id, std::set<std::string>* seen) {
  DocumentReader::Item item;
  item.line = line_no;
  const std::string where = path + ":" + std::to_string(line_no);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    item.error = where + ": not valid JSON: " + e.what();
    return item;
  }
  if (!j.is_object()) {
    item.error = where + ": a JSONL document must be a JSON object";
    return item;
  }
  auto text = j.find("text");
  if (text == j.end()) {
    item.error = where + ": missing \"text\"";
    return item;
  }
  if (!text->is_string()) {
    item.error = where + ": \"text\" must be a string";
    return item;
  }
  Document& d = item.doc;
  d.bytes = text->get<std::string>();
  auto id = j.find("id");
  if (id == j.end() || id->is_null()) {
    d.id = default_id + ":" + std::to_string(line_no);
  } else if (id->is_string()) {
    d.id = id->get<std::string>();
  } else if (id->is_number_integer()) {
    d.id = std::to_string(id->get<long long>());
  } else {
    item.error = where + ": \"id\" must be a string or an integer";
    return item;
  }
  for (auto [key, field] : {std::pair<const char*, std::string*>{"lang", &d.lang}, {"date", &d.date},
                            {"title", &d.title}, {"url", &d.url}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) {
      item.error = where + ": \"" + key + "\" must be a string";
      return item;
    }
    *field = it->get<std::string>();
  }
  if (!seen->insert(d.id).second) {
    item.error = where + ": duplicate id '" + d.id + "' (an earlier line has it); this document was skipped";
  }
  return item;
}

}  // namespace relata::pipeline::testing

#endif  // RELATA_TESTS_PIPELINE_REFERENCE_JSONL_READER_H_
