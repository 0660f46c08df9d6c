-- A headless Neovim 0.7 session as an LSP client of BriefLint: it starts the
-- server over stdio, opens a brief, and records what a Neovim user would get:
-- the published diagnostics, hovers, code actions, and the document after the
-- preferred fix is applied and saved. test/nvim/nvim.e2e.ts runs it and asserts.
--
-- Environment (all required):
--   BRIEFLINT_NVIM_SERVER  path to dist/server.js
--   BRIEFLINT_NVIM_FILE    the brief to open (a throwaway copy: the probe saves it)
--   BRIEFLINT_NVIM_OUT     where to write the JSON record
--   BRIEFLINT_NVIM_PLAN    JSON: { "hovers": [{ "line": 0, "character": 0 }], "fixRule": "term/near-miss",
--                                  "timeoutMs": 15000 }

local record = { events = {} }

local function note(event)
  table.insert(record.events, event)
end

local function write_record()
  local out = io.open(os.getenv('BRIEFLINT_NVIM_OUT'), 'w')
  out:write(vim.fn.json_encode(record))
  out:close()
end

local function fail(message)
  record.error = message
  pcall(write_record)
  io.stderr:write('nvim probe: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function main()
  local server = assert(os.getenv('BRIEFLINT_NVIM_SERVER'), 'BRIEFLINT_NVIM_SERVER is not set')
  local file = assert(os.getenv('BRIEFLINT_NVIM_FILE'), 'BRIEFLINT_NVIM_FILE is not set')
  local plan_json = assert(os.getenv('BRIEFLINT_NVIM_PLAN'), 'BRIEFLINT_NVIM_PLAN is not set')
  local plan = vim.fn.json_decode(plan_json)
  local timeout = plan.timeoutMs or 15000

  -- Every publishDiagnostics, in order: the test reads the first and the one after the fix.
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'brieflint',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        table.insert(published, result)
      end,
      ['window/logMessage'] = function(_, result)
        note({ log = result.message })
      end,
    },
  })
  if not client_id then
    return fail('vim.lsp.start_client returned nil')
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local function has_publish_after(count)
    for i = count + 1, #published do
      if published[i].uri == uri then
        return true
      end
    end
    return false
  end

  -- Waits for a publish for this document after the first `count`, then until the server
  -- has been quiet for 500 ms (it may publish again when its settings or termbase arrive).
  local function settled_after(count)
    if not vim.wait(timeout, function() return has_publish_after(count) end, 20) then
      return nil
    end
    local deadline = vim.loop.now() + timeout
    repeat
      local n = #published
      local is_more = vim.wait(500, function() return #published > n end, 20)
    until not is_more or vim.loop.now() > deadline
    for i = #published, 1, -1 do
      if published[i].uri == uri then
        return published[i].diagnostics, #published
      end
    end
  end

  local first, seen = settled_after(0)
  if not first then
    return fail('no diagnostics within ' .. timeout .. ' ms')
  end
  record.capabilities = client.server_capabilities
  record.diagnostics = first

  record.hovers = {}
  for _, position in ipairs(plan.hovers or {}) do
    local params = { textDocument = { uri = uri }, position = position }
    local response, err = client.request_sync('textDocument/hover', params, timeout, bufnr)
    table.insert(record.hovers, {
      position = position,
      result = response and response.result or vim.NIL,
      error = (response and response.err) and response.err.message or err or vim.NIL,
    })
  end

  local target
  for _, diagnostic in ipairs(first) do
    if diagnostic.code == plan.fixRule then
      target = diagnostic
      break
    end
  end
  if not target then
    write_record()
    return vim.cmd('qall!')
  end

  local params = {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target } },
  }
  local response, err = client.request_sync('textDocument/codeAction', params, timeout, bufnr)
  if not response or response.err then
    return fail('codeAction failed: ' .. vim.inspect(response and response.err or err))
  end
  record.codeActions = response.result or {}

  local preferred
  for _, action in ipairs(record.codeActions) do
    if action.isPreferred and action.edit then
      preferred = action
      break
    end
  end
  if preferred then
    vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
    record.applied = preferred.title
    -- Saving sends didChange (already sent by the edit) and didSave: the server checks again.
    vim.cmd('write')
    local after = settled_after(seen)
    record.diagnosticsAfterFix = after or vim.NIL
    record.textAfterFix = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end

  write_record()
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
  vim.cmd('qall!')
end

local ok, message = pcall(main)
if not ok then
  fail(tostring(message))
end
