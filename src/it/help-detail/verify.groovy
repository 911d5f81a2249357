import io.kmsethereum.docs.GoalReference

// What `mvn kms-ethereum:help -Ddetail` printed, per goal and parameter
def help = [:]
String goal = null
Map param = null
// help wraps at 80 columns: a long default moves to the next line ("    name (Default:" / "    value)")
def lines = []
for (line in new File(basedir, 'build.log').readLines()) {
    if (!lines.isEmpty() && lines[-1] ==~ /^    \w+ \(Default:$/ && line ==~ /^    \S.*\)$/) {
        lines[-1] = lines[-1] + ' ' + line.trim()
    } else {
        lines << line
    }
}
for (line in lines) {
    def g = line =~ /^kms-ethereum:(\S+)$/
    if (g) {
        goal = g[0][1]; help[goal] = [:]; param = null
        continue
    }
    if (goal == null) continue
    if (line.startsWith('[INFO] ---')) { goal = null; continue }
    def p = line =~ /^    (\w+)( \(Default: (.*)\))?$/
    if (p) {
        param = [default: p[0][3], property: null, text: []]
        help[goal][p[0][1]] = param
    } else if (param != null && line.startsWith('      ')) {
        def t = line.trim()
        if (t.startsWith('User property: ')) param.property = t.substring('User property: '.length())
        else if (!t.startsWith('Required: ')) param.text << t
    }
}
assert help.keySet().containsAll(['help', 'kms-address', 'kms-create-key', 'kms-sign']) : help.keySet()

// What the checked-in docs/reference.md says
def root = basedir.toPath().resolve('../../..').normalize()
def ref = [:]
String section = null
for (line in root.resolve('docs/reference.md').toFile().readLines()) {
    def h = line =~ /^## `([^`]+)`$/
    if (h) { section = h[0][1]; ref[section] = [:]; continue }
    if (line == '## Parameters of the goals that use the key') { section = '(shared)'; ref[section] = [:]; continue }
    if (section != null && line.startsWith('Takes the [shared parameters]')) ref[section].putAll(ref['(shared)'])
    if (section != null && line ==~ /^\| `\w+` \| .*/) {
        def cells = line.split(/(?<!\\)\|/)*.trim()
        def unquote = { String c -> c == '—' || c == 'required' ? null : c.replaceAll(/^`|`$/, '').replace('\\|', '|') }
        ref[section][unquote(cells[1])] = [property: unquote(cells[3]), default: unquote(cells[4]), text: cells[6]]
    }
}
ref.remove('(shared)')

assert help.keySet() == ref.keySet() : "goals in help ${help.keySet()} vs docs/reference.md ${ref.keySet()}"
help.each { goalName, params ->
    def documented = ref[goalName]
    assert params.keySet() == documented.keySet() : "${goalName}: help ${params.keySet()} vs page ${documented.keySet()}"
    params.each { name, h ->
        def d = documented[name]
        assert h.property == d.property : "${goalName} ${name}: user property ${h.property} vs ${d.property}"
        assert h.default == d.default : "${goalName} ${name}: default ${h.default} vs ${d.default}"
        def helpText = h.text.join(' ').replaceAll(/\s+/, ' ').trim()
        assert helpText == GoalReference.plainText(d.text) : "${goalName} ${name}:\n help: ${helpText}\n page: ${GoalReference.plainText(d.text)}"
    }
}
return true
