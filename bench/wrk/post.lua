-- wrk script of the Hearth benchmark (bench/run). POSTs a `{}` JSON body on keep-alive
-- connections and counts the responses whose status is not 200 (each thread counts its own;
-- done() sums them). At the end it prints one line that bench/run parses:
--   WRK_JSON {"requests":…,"duration_us":…,"non200":…,"connect":…,…,"unexpected":…}
--
-- Script arguments (wrk … -s post.lua URL -- ARG…), in any order:
--   latency        time every request itself, from just before wrk writes it to just after wrk
--                  has parsed the response (CLOCK_MONOTONIC through LuaJIT's FFI), and print the
--                  exact per-request histogram:  WRK_HIST {"<µs>":count,…}
--   vary=TAG       send a different body on every request: {"run":"TAG","t":<thread>,"n":<counter>}
--                  (TAG: letters, digits, '-' and '_'); with `latency` the timing starts after the
--                  body is formatted
--   expect=replay  count as "unexpected" every 200 response WITHOUT `X-Hearth-Idempotent: replay`
--   expect=run     count as "unexpected" every 200 response WITH `X-Hearth-Idempotent: replay`
-- The `latency` histogram is needed because the wrk 4.1.0 of Debian 12 builds its latency
-- percentiles from a fixed number of samples per time slice, not from every request, so they
-- over-weight slow moments (its sample count differs from the request count). Timing needs one
-- connection per thread (one request in flight), which is how bench/run uses it (-t1 -c1).

wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_no", #threads)
end

local ffi = nil
local ts = nil
local started = 0
local expect = nil
local REPLAY_HEADER = "x-hearth-idempotent"

local function now_ns()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1000000000 + tonumber(ts.tv_nsec)
end

-- The X-Hearth-Idempotent header's value, whatever the case of its name; nil when absent.
local function replay_header(headers)
   local v = headers["X-Hearth-Idempotent"]
   if v ~= nil then
      return v
   end
   for name, value in pairs(headers) do
      if string.lower(name) == REPLAY_HEADER then
         return value
      end
   end
   return nil
end

local function count(status, headers, body)
   if status ~= 200 then
      non200 = non200 + 1
      last_status = status
      last_body = body or ""
   elseif expect ~= nil then
      local replayed = replay_header(headers) == "replay"
      if replayed ~= (expect == "replay") then
         unexpected = unexpected + 1
         last_unexpected = body or ""
      end
   end
end

local function timed_response(status, headers, body)
   local us = math.floor((now_ns() - started) / 1000)
   hist[us] = (hist[us] or 0) + 1
   count(status, headers, body)
end

local function parse(args)
   local opts = {}
   for _, a in ipairs(args) do
      if a == "latency" then
         opts.latency = true
      elseif a == "expect=replay" or a == "expect=run" then
         opts.expect = string.sub(a, 8)
      elseif string.match(a, "^vary=[%w_-]+$") then
         opts.vary = string.sub(a, 6)
      else
         error("post.lua: unknown argument '" .. a .. "' (latency, vary=TAG, expect=replay, expect=run)")
      end
   end
   return opts
end

function init(args)
   non200 = 0
   last_status = 0
   last_body = ""
   unexpected = 0
   last_unexpected = ""
   hist = {}
   local opts = parse(args)
   expect = opts.expect
   local next_request = nil
   if opts.vary then
      local n = 0
      local prefix = string.format('{"run":"%s","t":%d,"n":', opts.vary, thread_no or 0)
      next_request = function()
         n = n + 1
         return wrk.format(nil, nil, nil, prefix .. n .. "}")
      end
   else
      local req = wrk.format()
      next_request = function()
         return req
      end
   end
   if opts.latency then
      ffi = require("ffi")
      ffi.cdef [[
         typedef struct { long tv_sec; long tv_nsec; } hearth_bench_timespec;
         int clock_gettime(int clock_id, hearth_bench_timespec *tp);
      ]]
      ts = ffi.new("hearth_bench_timespec")
      -- Defining request() makes wrk call it before every request: the start of the timing.
      request = function()
         local req = next_request()
         started = now_ns()
         return req
      end
      response = timed_response
   elseif opts.vary then
      request = next_request
   end
end

function response(status, headers, body)
   count(status, headers, body)
end

local function quote(s)
   s = string.sub(s, 1, 200)
   s = string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end)
   return '"' .. s .. '"'
end

function done(summary, latency, requests)
   local bad, status, body, odd, odd_body = 0, 0, "", 0, ""
   local parts = {}
   for _, t in ipairs(threads) do
      bad = bad + t:get("non200")
      local s = t:get("last_status")
      if s ~= 0 then
         status = s
         body = t:get("last_body")
      end
      local u = t:get("unexpected")
      if u > 0 then
         odd = odd + u
         odd_body = t:get("last_unexpected")
      end
      for us, n in pairs(t:get("hist")) do
         table.insert(parts, string.format('"%d":%d', us, n))
      end
   end
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
      '"non200":%d,"last_bad_status":%d,"last_bad_body":%s,"unexpected":%d,"last_unexpected_body":%s}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      bad, status, quote(body), odd, quote(odd_body)))
   if #parts > 0 then
      io.write("WRK_HIST {" .. table.concat(parts, ",") .. "}\n")
   end
end
