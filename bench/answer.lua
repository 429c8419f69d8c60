-- wrk script for bench/load.py: each request answers a different single-question attempt.
-- Attempt ids come from ATTEMPT_FIRST..ATTEMPT_LAST, split between wrk threads so none repeats.
local first = tonumber(os.getenv("ATTEMPT_FIRST"))
local last = tonumber(os.getenv("ATTEMPT_LAST"))
local body = "csrf_token=" .. os.getenv("CSRF_TOKEN") .. "&position=0&choice=0"
local threads, counter, stride = 0, 0, 1

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  -- `offset` is a global set per thread by setup(); the main state never runs request().
  offset = offset or 0
  stride = tonumber(os.getenv("WRK_THREADS"))
end

function request()
  local id = first + offset + counter * stride
  counter = counter + 1
  if id > last then id = last end
  return wrk.format("POST", "/attempt/" .. id .. "/answer",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = os.getenv("SESSION_COOKIE")}, body)
end
