// JSON output: JSON Graph Format v2, the contract downstream scripts read.
// The wire format is documented in docs/output.md and validated against
// docs/graph.schema.json by the tests. Written by hand as a stream (not a DOM):
// keys in a fixed order, numbers as integers except confidence (up to 4
// decimals, trailing zeros trimmed, clamped to [0, 1]), strings escaped per
// RFC 8259 with non-ASCII kept as UTF-8. Nothing here throws (short of
// std::bad_alloc).
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
// otherwise the object is on one line (JSONL). No trailing newline is written.
// Metadata entries named "unresolved" or "warnings" are skipped: those keys
// hold graph.unresolved() / graph.warnings().
// Multi-document output: JSONL is one record (graph or error) per line; the
// {"graphs": [...]} wrapper holds the SAME records as its items, in input
// order (docs/output.md), so callers compose it from these two functions.
void AppendGraphJson(const FactGraph& graph, bool pretty, std::string* out);

// An error record for a document that could not be annotated, one JSON object:
// {"error": {"doc": ..., "line": N, "message": ...}} (line 0 when not from JSONL).
// Always compact (one line), no trailing newline.
void AppendErrorJson(const std::string& doc, size_t line, const std::string& message, std::string* out);

// Appends `s` as a JSON string literal (with quotes). `s` should be valid UTF-8;
// an invalid byte is written as U+FFFD so the output always parses.
void AppendJsonString(const std::string& s, std::string* out);

}  // namespace relata::graph

#endif  // RELATA_GRAPH_JSON_WRITER_H_
