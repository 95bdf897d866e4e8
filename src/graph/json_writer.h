// JSON output: JSON Graph Format v2, the contract downstream scripts read.
// The wire format is documented in docs/output.md and validated against
// docs/graph.schema.json by the tests. Written by hand as a stream (not a DOM):
// keys in a fixed order, numbers as integers except confidence (up to 4
// decimals), strings escaped per RFC 8259 with non-ASCII kept as UTF-8.
//
//   {"graph": {"id": "doc-1", "directed": true, "type": "relata",
//              "metadata": {...},
//              "nodes": {"<id>": {"label": "...", "metadata": {"type": ..., "canonical_id": ...,
//                                  "aliases": [...], "mentions": [{"doc", "sentence", "start", "end",
//                                  "byte_start", "byte_end", "utf16_start", "utf16_end", "text",
//                                  "source", ...}], ...}}},
//              "edges": [{"id", "source", "target", "relation", "directed",
//                         "metadata": {"confidence", "attributes", "evidence": [...]}}]}}
#ifndef RELATA_GRAPH_JSON_WRITER_H_
#define RELATA_GRAPH_JSON_WRITER_H_

#include <string>
#include <vector>

#include "graph/fact_graph.h"

namespace relata::graph {

// Appends {"graph": {...}} for one document. `pretty` indents with two spaces;
// otherwise the object is on one line (JSONL).
void AppendGraphJson(const FactGraph& graph, bool pretty, std::string* out);

// An error record for a document that could not be annotated, one JSON object:
// {"error": {"doc": ..., "line": N, "message": ...}} (line 0 when not from JSONL).
void AppendErrorJson(const std::string& doc, size_t line, const std::string& message, std::string* out);

// Appends `s` as a JSON string literal (with quotes). `s` must be valid UTF-8.
void AppendJsonString(const std::string& s, std::string* out);

}  // namespace relata::graph

#endif  // RELATA_GRAPH_JSON_WRITER_H_
