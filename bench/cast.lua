-- wrk script of bench/voting.py: every thread sends its share of prepared ballots
-- exactly once, counts the answers by status, and stops when all are answered.
--
--   wrk -t T -c C -d 3600 -s bench/cast.lua URL -- FILE T PATH FOLDER
--
-- FILE holds one ballot per line: "<API token>\t<JSON body>"; line n goes to thread
-- n mod T, in file order. When a thread has its last answer it writes FOLDER/<id>, so
-- the caller can time the run and stop wrk (SIGINT) without waiting for -d.

local threads = {}
local created = 0

function setup(thread)
   thread:set("id", created)
   created = created + 1
   table.insert(threads, thread)
end

function init(args)
   file, count, path, folder = args[1], tonumber(args[2]), args[3], args[4]
end

-- wrk calls a thread's init() before setup() gives it its id: the thread reads its
-- lines on its first delay().
local function load()
   lines, reserved, sent, answered, statuses = {}, 0, 0, 0, {}
   local n = 0
   for line in io.lines(file) do
      if n % count == id then
         table.insert(lines, line)
      end
      n = n + 1
   end
end

function delay()
   if lines == nil then
      load()
   end
   -- wrk asks delay() before each request of a connection: a line is reserved here,
   -- so request() always has one; a connection with nothing left waits out the run.
   if reserved >= #lines then
      return 3600000
   end
   reserved = reserved + 1
   return 0
end

function request()
   if lines == nil then
      -- wrk calls request() once in its main state, where init() never ran.
      return wrk.format("GET", "/healthz")
   end
   sent = sent + 1
   local secret, body = lines[sent]:match("^([^\t]+)\t(.*)$")
   return wrk.format("POST", path, {
      ["Authorization"] = "Bearer " .. secret,
      ["Content-Type"] = "application/json",
   }, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   answered = answered + 1
   if answered == #lines then
      local marker = io.open(folder .. "/" .. id, "w")
      marker:write(answered)
      marker:close()
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   for status, count in pairs(totals) do
      io.write(string.format("status %d %d\n", status, count))
   end
   io.write(string.format("latency %d %d %d\n", latency:percentile(50),
                          latency:percentile(95), latency.max))
   io.write(string.format("errors %d %d %d %d\n", summary.errors.connect, summary.errors.read,
                          summary.errors.write, summary.errors.timeout))
end
