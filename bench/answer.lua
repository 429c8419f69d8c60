-- wrk script for bench/load.py: answer attempts question by question, as students do.
-- Attempt ids ATTEMPT_FIRST..ATTEMPT_LAST are split between wrk threads so none is shared. Each thread
-- works through a window of WINDOW attempts at a time, sending position 0 of each, then position 1,
-- and so on: the next answer to one attempt is sent only after WINDOW others, by which time the
-- previous one has completed (a thread keeps 4 connections busy; 500 requests take far longer than
-- the slowest answer, even one waiting for the SQLite write lock).
local first = tonumber(os.getenv("ATTEMPT_FIRST"))
local last = tonumber(os.getenv("ATTEMPT_LAST"))
local length = tonumber(os.getenv("ATTEMPT_LENGTH"))
-- The players' session cookies and CSRF tokens, one per line: attempt PLAYER_BASE + i is player i's
-- (counting round the list), as bench/load.py created them.
local function lines(text)
  local found = {}
  for line in string.gmatch(text, "[^\n]+") do found[#found + 1] = line end
  return found
end
local cookies, tokens = lines(os.getenv("SESSION_COOKIES")), lines(os.getenv("CSRF_TOKENS"))
local player_base = tonumber(os.getenv("PLAYER_BASE"))
local user_agent = os.getenv("USER_AGENT")
local WINDOW = 500
local threads, counter, stride = 0, 0, 1

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  -- `offset` is a global set per thread by setup(); the main state never runs request().
  offset = offset or 0
  stride = tonumber(os.getenv("WRK_THREADS"))
  -- wrk calls request() once on the first thread's state to check the script and never sends
  -- that request: it must not use up the first answer of an attempt.
  checking = offset == 0
end

function request()
  if checking then
    checking = false
    return wrk.format("GET", "/")
  end
  local block = math.floor(counter / (WINDOW * length))
  local step = counter % (WINDOW * length)
  counter = counter + 1
  local index = block * WINDOW + step % WINDOW
  local position = math.floor(step / WINDOW)
  local id = first + offset + index * stride
  if id > last then id = last end  -- out of attempts: the last one answers 409 from then on
  local player = (id - player_base) % #cookies + 1
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookies[player],
                   ["User-Agent"] = user_agent}
  return wrk.format("POST", "/attempt/" .. id .. "/answer", headers,
    "csrf_token=" .. tokens[player] .. "&position=" .. position .. "&choice=0")
end
