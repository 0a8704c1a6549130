-- wrk script for the paced intake levels (bench/src/Bench.java): intake.lua's contacts, but each client waits a random
-- think time after every answer before it sends its next contact (exponentially distributed, so the contacts of all
-- clients together arrive about as a Poisson stream, as independent residents' would), instead of sending at once.
-- wrk -t2 -c32 -d20s -s bench/src/intake-paced.lua http://127.0.0.1:8080/api/v1/cases -- <run id> <token> <mean think ms>
dofile((debug.getinfo(1, "S").source:sub(2):gsub("intake%-paced%.lua$", "intake.lua")))

local contact_init = init

function init(args)
  contact_init(args)
  think_ms = tonumber(args[3])
  math.randomseed(os.time() + tid * 7919)
end

function delay()
  return -think_ms * math.log(1 - math.random())
end
