// Lua scripts over the session keys (see sessions.repository.ts). Each builds its keys from the prefix in
// ARGV[1] so one atomic step can touch keys it only learns while running (a connection's rooms).

/** ARGV: prefix, connId, userId, nickname, protocol, expiresAt, maxPerUser → 'ok' | 'exists' | 'limit'. */
export const OPEN = `
local p, id = ARGV[1], ARGV[2]
local conn = p .. 'conn:' .. id
if redis.call('exists', conn) == 1 then return 'exists' end
local mine = p .. 'user-conns:' .. ARGV[3]
if redis.call('scard', mine) >= tonumber(ARGV[7]) then return 'limit' end
redis.call('hset', conn, 'userId', ARGV[3], 'nickname', ARGV[4], 'protocol', ARGV[5])
redis.call('sadd', mine, id)
redis.call('zadd', p .. 'conns', ARGV[6], id)
return 'ok'`;

/**
 * ARGV: prefix, connId → false when another caller already closed it; else a flat list of
 * (playlistId, member json) it left. Whoever removes it from the expiry set does the leaving, so
 * a connection leaves once however many sweepers see it lapse.
 */
export const CLOSE = `
local p, id = ARGV[1], ARGV[2]
if redis.call('zrem', p .. 'conns', id) == 0 then return false end
local conn = p .. 'conn:' .. id
local userId = redis.call('hget', conn, 'userId')
local out = {}
for _, pid in ipairs(redis.call('smembers', conn .. ':rooms')) do
  local room = p .. 'room:' .. pid
  local m = redis.call('hget', room, id)
  if m then
    redis.call('hdel', room, id)
    table.insert(out, pid)
    table.insert(out, m)
  end
end
if userId then redis.call('srem', p .. 'user-conns:' .. userId, id) end
redis.call('del', conn, conn .. ':rooms')
return out`;

/** ARGV: prefix, expiresAt, connIds... → the ids that are not open. */
export const REFRESH = `
local p, exp = ARGV[1], ARGV[2]
local unknown = {}
for i = 3, #ARGV do
  if redis.call('zscore', p .. 'conns', ARGV[i]) then
    redis.call('zadd', p .. 'conns', exp, ARGV[i])
  else
    table.insert(unknown, ARGV[i])
  end
end
return unknown`;

/**
 * ARGV: prefix, connId, playlistId, itemId ('' for none), joinedAt → {'no_conn'} | {'again', json}
 * | {'joined', json}. A new member is named `nickname#n` with the smallest n free in the room.
 */
export const JOIN = `
local p, id, pid, item = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local conn = p .. 'conn:' .. id
local nickname = redis.call('hget', conn, 'nickname')
if not nickname then return {'no_conn'} end
local room = p .. 'room:' .. pid
local existing = redis.call('hget', room, id)
if existing then
  local m = cjson.decode(existing)
  if item ~= '' then m.itemId = item end
  local json = cjson.encode(m)
  redis.call('hset', room, id, json)
  return {'again', json}
end
local used = {}
for _, v in ipairs(redis.call('hvals', room)) do
  local m = cjson.decode(v)
  if m.nickname == nickname then used[m.n] = true end
end
local n = 1
while used[n] do n = n + 1 end
local m = { connectionId = id, userId = redis.call('hget', conn, 'userId'), nickname = nickname, n = n,
  sessionName = nickname .. '#' .. n, joinedAt = ARGV[5] }
if item ~= '' then m.itemId = item end
local json = cjson.encode(m)
redis.call('hset', room, id, json)
redis.call('sadd', conn .. ':rooms', pid)
return {'joined', json}`;

/** ARGV: prefix, connId, playlistId → the member json it was, or false when not in the room. */
export const LEAVE = `
local p, id, pid = ARGV[1], ARGV[2], ARGV[3]
local room = p .. 'room:' .. pid
local m = redis.call('hget', room, id)
if not m then return false end
redis.call('hdel', room, id)
redis.call('srem', p .. 'conn:' .. id .. ':rooms', pid)
return m`;

/** ARGV: prefix, connId, playlistId, itemId ('' stops) → the updated member json, or false. */
export const SET_PLAYING = `
local room = ARGV[1] .. 'room:' .. ARGV[3]
local existing = redis.call('hget', room, ARGV[2])
if not existing then return false end
local m = cjson.decode(existing)
if ARGV[4] == '' then m.itemId = nil else m.itemId = ARGV[4] end
local json = cjson.encode(m)
redis.call('hset', room, ARGV[2], json)
return json`;

/** ARGV: prefix, playlistId, fromItemId, toItemId ('' stops) → how many members moved. */
export const REMAP_PLAYING = `
local room = ARGV[1] .. 'room:' .. ARGV[2]
local moved = 0
for _, v in ipairs(redis.call('hvals', room)) do
  local m = cjson.decode(v)
  if m.itemId == ARGV[3] then
    if ARGV[4] == '' then m.itemId = nil else m.itemId = ARGV[4] end
    redis.call('hset', room, m.connectionId, cjson.encode(m))
    moved = moved + 1
  end
end
return moved`;

/** ARGV: prefix, playlistId → the member jsons of a session that is no more. */
export const CLOSE_SESSION = `
local p, pid = ARGV[1], ARGV[2]
local room = p .. 'room:' .. pid
local members = redis.call('hvals', room)
for _, v in ipairs(members) do
  local m = cjson.decode(v)
  redis.call('srem', p .. 'conn:' .. m.connectionId .. ':rooms', pid)
end
redis.call('del', room, p .. 'playback:' .. pid)
return members`;
