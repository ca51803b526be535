-- wrk script: single-query POST /match/default bodies, cycling through
-- realistic customer records (persons with birth date and nationality,
-- companies with a country), listed and not listed.
--   wrk -t1 -c16 -d30s --latency -s tools/bench/match.lua http://127.0.0.1:18780
local queries = {
  '{"schema":"Person","properties":{"name":["Vladimir Putin"],"birthDate":["1952-10-07"],"nationality":["ru"]}}',
  '{"schema":"Person","properties":{"name":["Maria Gonzalez Lopez"],"birthDate":["1984-03-12"],"nationality":["es"]}}',
  '{"schema":"Company","properties":{"name":["Bank Melli Iran"],"country":["ir"]}}',
  '{"schema":"Person","properties":{"name":["Tanaka Taro"],"birthDate":["1979-01-30"],"nationality":["jp"]}}',
  '{"schema":"Company","properties":{"name":["Rosneft Oil Company"],"country":["ru"]}}',
  '{"schema":"Person","properties":{"name":["John Michael Smith"],"birthDate":["1990-07-04"],"country":["us"]}}',
  '{"schema":"Person","properties":{"name":["Kim Jong Un"],"nationality":["kp"]}}',
  '{"schema":"Company","properties":{"name":["Siemens Aktiengesellschaft"],"country":["de"]}}',
  '{"schema":"Person","properties":{"name":["Aleksandr Lukashenko"],"birthDate":["1954-08-30"]}}',
  '{"schema":"Company","properties":{"name":["Sumitomo Mitsui Trading Co Ltd"],"country":["jp"]}}',
}
local bodies = {}
for i, q in ipairs(queries) do
  bodies[i] = '{"queries":{"q1":' .. q .. '}}'
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/match/default", { ["Content-Type"] = "application/json" }, bodies[(n % #bodies) + 1])
end
local errors = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"versions"', 1, true) then
    errors = errors + 1
  end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200 or without versions: %d (wrk counts the thread-local ones only with -t1)\n", errors))
end
