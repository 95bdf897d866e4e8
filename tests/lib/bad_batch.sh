# Sourced by tests/cli/cli_test.sh and tests/hostile/hostile_test.sh: the JSONL
# batch with bad lines between good ones, written once so both suites test the
# same file (cli the basic contract, hostile the exact records and messages).
#
# write_bad_batch FILE writes six lines:
#   1  id "a", a good English document
#   2  cut off after "text": not valid JSON
#   3  no "text"
#   4  "text" is a number
#   5  id "a" again: a duplicate id
#   6  id "e", a good Korean document ("lang": "ko")
# so the good ids are bad_batch_good_ids and the error lines bad_batch_error_lines.
bad_batch_good_ids="['a','e']"
bad_batch_error_lines="[2,3,4,5]"
write_bad_batch() {
  cat >"$1" <<'JSONL'
{"id": "a", "text": "Nvidia CEO Jensen Huang met TSMC Chairman C.C. Wei in Taipei."}
{"id": "b", "text": 
{"id": "c"}
{"id": "d", "text": 42}
{"id": "a", "text": "A duplicate id."}
{"id": "e", "text": "삼성전자가 평택에 공장을 두고 있다.", "lang": "ko"}
JSONL
}
