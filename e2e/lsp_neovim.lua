-- Drives `specc lsp` through Neovim's own LSP client (headless), on the project
-- in $SPECC_LSP_ROOT (a copy of the 2025-12-18 Model Spec, or the fixture).
-- Each check prints "ok <name>" or "FAILED <name>: why"; the exit code is the
-- number of failures. Written for Neovim 0.7 (Debian bookworm's), whose API
-- later releases keep.
local root = os.getenv("SPECC_LSP_ROOT")
local specc = os.getenv("SPECC_BIN")
local doc = os.getenv("SPECC_LSP_DOC") or "model_spec.md"
local failures = 0
local function check(name, ok, why)
  if ok then
    print("ok " .. name)
  else
    failures = failures + 1
    print("FAILED " .. name .. ": " .. tostring(why))
  end
end

local client_id = vim.lsp.start_client({
  name = "specc",
  cmd = { specc, "lsp" },
  root_dir = root,
  -- Send every change at once, so that a request sees the buffer as it is.
  flags = { debounce_text_changes = 0 },
})
vim.cmd("edit " .. root .. "/" .. doc)
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function diagnostics()
  return vim.diagnostic.get(buf)
end
local opened = vim.wait(30000, function() return #diagnostics() > 0 end, 20)
check("diagnostics on open", opened, "none published within 30 s")
local codes = {}
for _, d in ipairs(diagnostics()) do codes[d.code or ""] = true end

-- Puts the cursor on the first occurrence of a pattern (plain), at offset `plus`.
local function cursor_at(pattern, plus)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local s = line:find(pattern, 1, true)
    if s then
      vim.api.nvim_win_set_cursor(0, { i, s - 1 + (plus or 0) })
      return i
    end
  end
  return nil
end
local function request(method, params)
  local r = client.request_sync(method, params, 20000, buf)
  if not r then return nil, "timeout" end
  return r.result, r.err
end

-- Hover on a clause marker.
cursor_at("[^", 3)
local hover, err = request("textDocument/hover", vim.lsp.util.make_position_params())
local hv = hover and hover.contents and hover.contents.value or ""
check("hover on a clause marker", hv:find("clause `") and hv:find("test prompt"), err or hv)

-- Definition: a [?](#id) link to its heading.
cursor_at("[?](#", 6)
local def, err2 = request("textDocument/definition", vim.lsp.util.make_position_params())
local target = def and (def.range or (def[1] and def[1].range))
local heading = target and vim.api.nvim_buf_get_lines(buf, target.start.line, target.start.line + 1, false)[1] or ""
check("definition of a section link", heading:sub(1, 1) == "#", err2 or vim.inspect(def))

-- References of that section.
local params = vim.lsp.util.make_position_params()
params.context = { includeDeclaration = true }
local refs, err3 = request("textDocument/references", params)
check("references of a section", refs and #refs >= 1, err3 or vim.inspect(refs))

-- Completion of section IDs after "](#".
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { "", "See [x](#" })
-- Just after the "#", as in insert mode (a normal-mode cursor cannot stand past the end).
local items, err4 = request("textDocument/completion",
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = last + 1, character = 9 } })
local list = items and (items.items or items) or {}
check("completion of section IDs", #list >= 3, err4 or #list)

-- An edit that breaks a reference: its diagnostic follows.
vim.api.nvim_buf_set_lines(buf, last + 1, last + 2, false, { "See [x](#no_such_section_here)." })
local found = vim.wait(20000, function()
  for _, d in ipairs(diagnostics()) do
    if d.message:find("no_such_section_here", 1, true) then return true end
  end
  return false
end, 20)
check("an edit's diagnostic", found, "no diagnostic names the broken reference")

-- A code action applied: a lint fix when one is on offer, else any edit.
local applied = false
for _, pass in ipairs({ "lint", "any" }) do
  for _, d in ipairs(diagnostics()) do
    if applied then break end
    local p = { textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      context = { diagnostics = {} } }
    local actions = request("textDocument/codeAction", p) or {}
    for _, a in ipairs(actions) do
      local wanted = pass == "any" or a.title:find("%(A%d+%)")
      if wanted and a.edit and a.edit.changes then
        local before = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
        vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
        local after = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
        applied = before ~= after
        if applied then print("  applied: " .. a.title) end
        break
      end
    end
  end
  if applied then break end
end
check("a code action applied", applied, "no action changed the buffer")

-- Rename a clause ID: every marker in the buffer follows.
local line = cursor_at("[^", 3)
local text = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
local old = text:match("%[%^([%w_%-]+)%]")
local rp = vim.lsp.util.make_position_params()
rp.newName = "zz" .. old
local edit, err5 = request("textDocument/rename", rp)
if edit then vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding) end
local all = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
check("rename of a clause ID", edit and all:find("[^zz" .. old .. "]", 1, true) and not all:find("[^" .. old .. "]", 1, true),
  err5 or vim.inspect(edit and edit.documentChanges and #edit.documentChanges))

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
print(failures == 0 and "all checks passed" or (failures .. " checks failed"))
vim.cmd("cquit " .. failures)
