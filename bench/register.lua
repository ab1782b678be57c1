-- wrk script: each request registers a new participant (a unique e-mail address) for the
-- event whose id is in the environment variable EVENT, through the JSON API.
local counter = 0
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(os.time() + tid)
  run = math.random(1, 1000000000)
end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"壓力測試%d","email":"load-%d-%d-%d@example.org","region":"hong_kong","consent":true}',
    counter, run, tid, counter)
  return wrk.format("POST", "/api/v1/events/" .. os.getenv("EVENT") .. "/registrations", {["Content-Type"] = "application/json"}, body)
end
