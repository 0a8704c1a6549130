-- wrk's summary in one line for bench/src/Bench.java: requests, errors and latency percentiles in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d durationUs=%d p50us=%d p95us=%d p99us=%d maxUs=%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
