# Shared by the ratio scripts: `median_ns NAME` prints the median of the divan
# benchmark NAME, in nanoseconds, from the benchmark output in "$out".
# Divan rows look like
#   ├─ bare_pulldown_cmark    1.1 ms  │ 1.5 ms  │ 1.2 ms  │ 1.2 ms  │ 100 │ 100
# with columns fastest │ slowest │ median │ mean │ samples │ iters.
median_ns() {
    awk -F'│' -v name="$1" '
        index($1, name) {
            split($3, m, " ")
            v = m[1]; u = m[2]
            f = (u == "ns") ? 1 : (u == "µs" || u == "us") ? 1e3 : (u == "ms") ? 1e6 : (u == "s") ? 1e9 : 0
            if (f == 0) exit 1
            printf "%.0f\n", v * f
            exit
        }' <<<"$out"
}
