-- wrk script for the intake benchmark (bench/src/Bench.java): every request is a new contact, as in the Java client:
-- POST /api/v1/cases with a bearer token; 5,000 different senders, so some customers come back.
-- wrk -t2 -c32 -d20s -s bench/src/intake.lua http://127.0.0.1:8080/api/v1/cases -- <run id> <token>
dofile(debug.getinfo(1, "S").source:sub(2):gsub("intake%.lua$", "report.lua"))

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  run = args[1] or tostring(os.time())
  token = args[2] or "aspa-demo-token"
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  n = n + 1
  local i = run .. "-" .. tid .. "-" .. n
  local body = '{"customer":{"name":"Kuormitus Testaaja ' .. i .. '","email":"bench-' .. ((tid * 7919 + n) % 5000)
    .. '@example.com","kind":"PERSON","language":"fi"},"subject":"Kuoppa kadussa ' .. i
    .. '","body":"Koivukuja ' .. (n % 60) .. ' kohdalla on ajoradalla iso kuoppa, auton rengas meni rikki.","language":"fi"}'
  return wrk.format(nil, nil, nil, body)
end
