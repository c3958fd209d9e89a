using System.Text;
using System.Text.Json;
using Decisioning.Compilation;
using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Runtime;

namespace Decisioning.Cli.Import;

/// <summary>One rule that became a segment: its names before and after, and its condition in the map's language.</summary>
internal sealed record ImportedRule(string Workflow, string Rule, string SegmentId, string Condition, string? ErrorMessage, string? SuccessEvent);

/// <summary>What an import made: the map's YAML (null when the file is not workflow JSON), and every diagnostic.</summary>
internal sealed record ImportResult(string MapId, string? Yaml, IReadOnlyList<ImportedRule> Rules, IReadOnlyList<Diagnostic> Diagnostics, int RuleCount)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Converts Microsoft RulesEngine workflows into a strategy map: each top-level rule becomes a
/// segment whose <c>when</c> is the rule's condition in the map's expression language, under the
/// rule's name made an id. Inputs (<c>input1.age</c>, <c>customer.age</c>, a bare <c>age</c>) become
/// customer fields, whose types are inferred (<see cref="FieldInference"/>); global and local params
/// are inlined; nested rules are joined with their operator; <c>AND</c>/<c>OR</c>/<c>NOT</c> and a
/// lone <c>=</c> become <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>/<c>==</c>. What cannot be converted is
/// reported per rule at its position in the JSON (docs/rulesengine.md lists the codes); every
/// converted condition is compiled by the map's own compiler before it is written, so the written
/// map validates.
/// </summary>
internal static class RulesEngineImporter
{
    public const string NotWorkflowJson = "RE001";
    public const string ActionsDropped = "RE002";
    public const string CustomCode = "RE003";
    public const string ScopedParam = "RE004";
    public const string NotInAllowList = "RE005";
    public const string Disabled = "RE006";
    public const string Unsupported = "RE007";

    private static readonly HashSet<string> KnownMembers = new(StringComparer.Ordinal)
        { "Length", "Count", "HasValue", "Value", "Year", "Month", "Day" };

    public static ImportResult Import(string file, byte[] bytes)
    {
        var mapId = Id(Path.GetFileNameWithoutExtension(file), "imported");
        PositionedJson json;
        try
        {
            json = PositionedJson.Parse(file, bytes);
        }
        catch (JsonException e)
        {
            var at = new SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            return new ImportResult(mapId, null, [], [Diagnostic.Error(NotWorkflowJson, $"not JSON: {e.Message}", at)], 0);
        }

        return new Run(json, mapId).Convert();
    }

    /// <summary>A kebab-case id from a RulesEngine name: "GiveDiscount10" -> "give-discount10".</summary>
    internal static string Id(string name, string fallback)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1]) ||
                (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && char.IsAsciiLetterUpper(name[i - 1]))))
            {
                sb.Append('-');
            }

            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var id = string.Join('-', sb.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return Syntax.IsId(id) ? id : fallback;
    }

    private sealed class Run(PositionedJson json, string mapId)
    {
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly FieldInference _fields = new();
        private readonly List<(string Workflow, JsonObjectItem Rule, string Condition, SourceLocation At)> _converted = [];
        private int _rules;

        public ImportResult Convert()
        {
            var workflows = json.Root switch
            {
                JsonArrayItem array => array.Items,
                JsonObjectItem one => [one],
                _ => [],
            };
            if (workflows.Count == 0 || workflows.Any(w => w is not JsonObjectItem))
            {
                Error(NotWorkflowJson, "expected a workflow object or an array of them", json.Root?.Offset ?? 0);
                return new ImportResult(mapId, null, [], _diagnostics, 0);
            }

            foreach (var workflow in workflows.Cast<JsonObjectItem>())
            {
                Workflow(workflow);
            }

            var imported = Compile(workflows.Count > 1);
            var yaml = ImportedMapYaml.Write(json.File, mapId, _fields, imported);
            var sorted = _diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
            return new ImportResult(mapId, yaml, imported, sorted, _rules);
        }

        private void Workflow(JsonObjectItem workflow)
        {
            var name = workflow.Text("WorkflowName");
            if (string.IsNullOrWhiteSpace(name))
            {
                Error(NotWorkflowJson, "the workflow has no WorkflowName", workflow.Offset);
                return;
            }

            if (workflow.Member("WorkflowsToInject") is { Value: JsonArrayItem { Items.Count: > 0 } } inject)
            {
                Warning(Unsupported, $"workflow '{name}': WorkflowsToInject is not followed; import the injected workflows' file too", inject.NameOffset);
            }

            var (rules, strays) = Rules(workflow);
            foreach (var stray in strays)
            {
                _rules++;
                Error(NotWorkflowJson, $"workflow '{name}': {Stray(workflow, stray)}; it is not converted", stray.Offset);
            }

            var scope = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Params(workflow.Member("GlobalParams"), scope, $"workflow '{name}'"))
            {
                // Every rule may use the params that failed; none is converted.
                foreach (var rule in rules)
                {
                    _rules++;
                    Error(ScopedParam, $"rule '{rule.Text("RuleName")}' is not converted: a global param of workflow '{name}' could not be", rule.Offset);
                }

                return;
            }

            foreach (var rule in rules)
            {
                _rules++;
                var ruleName = rule.Text("RuleName") ?? "(unnamed)";
                if (rule.Member("Enabled")?.Value is JsonScalarItem { Kind: JsonTokenType.False })
                {
                    Warning(Disabled, $"rule '{ruleName}' is disabled and is not converted", rule.Offset);
                    continue;
                }

                if (Actions(rule) is { } actions)
                {
                    Warning(ActionsDropped, $"rule '{ruleName}': its actions are not converted (a segment has no action); its condition is", actions.NameOffset);
                }

                if (Condition(rule, scope) is { } condition)
                {
                    var (line, column) = json.Position((rule.Member("Expression")?.Value ?? rule).Offset);
                    _converted.Add((name, rule, condition, new SourceLocation(json.File, line, column)));
                }
            }
        }

        // The rule objects of a Rules list, and whatever else stands there (a Rules that is not a list,
        // an item that is not an object). Those were skipped unseen: a workflow's rule was lost with
        // "every rule converted", and a nested one left its parent's And or Or without it.
        private static (List<JsonObjectItem> Rules, List<JsonItem> Strays) Rules(JsonObjectItem owner) =>
            owner.Member("Rules")?.Value switch
            {
                null or JsonScalarItem { Kind: JsonTokenType.Null } => ([], []),
                JsonArrayItem list => ([.. list.Items.OfType<JsonObjectItem>()], [.. list.Items.Where(i => i is not JsonObjectItem)]),
                var other => ([], [other]),
            };

        private static string Stray(JsonObjectItem owner, JsonItem stray) =>
            ReferenceEquals(owner.Member("Rules")?.Value, stray) ? $"Rules is a list of rules, not {Describe(stray)}" : $"a rule is a JSON object, not {Describe(stray)}";

        private static string Describe(JsonItem item) => item switch
        {
            JsonArrayItem => "a list",
            JsonScalarItem { Kind: JsonTokenType.String } => "a string",
            JsonScalarItem { Kind: JsonTokenType.Number } => "a number",
            JsonScalarItem { Kind: JsonTokenType.Null } => "null",
            JsonScalarItem => "true or false",
            _ => "an object",
        };

        private static JsonMember? Actions(JsonObjectItem rule) =>
            rule.Member("Actions") is { Value: JsonObjectItem actions } member &&
            actions.Members.Any(m => m.Value is JsonObjectItem) ? member : null;

        /// <summary>A rule's condition (nested rules joined, local params inlined), or null with the reasons reported.</summary>
        private string? Condition(JsonObjectItem rule, Dictionary<string, string> outer)
        {
            var name = rule.Text("RuleName") ?? "(unnamed)";
            if (rule.Text("RuleExpressionType") is { } type && !string.Equals(type, "LambdaExpression", StringComparison.OrdinalIgnoreCase))
            {
                Error(Unsupported, $"rule '{name}' is not converted: RuleExpressionType '{type}' has no counterpart", rule.Member("RuleExpressionType")!.NameOffset);
                return null;
            }

            if (rule.Member("WorkflowsToInject") is { Value: JsonArrayItem { Items.Count: > 0 } } inject)
            {
                Error(Unsupported, $"rule '{name}' is not converted: it injects other workflows' rules (WorkflowsToInject)", inject.NameOffset);
                return null;
            }

            var scope = new Dictionary<string, string>(outer, StringComparer.OrdinalIgnoreCase);
            if (!Params(rule.Member("LocalParams"), scope, $"rule '{name}'"))
            {
                return null;
            }

            var (nested, strays) = Rules(rule);
            if (strays.Count > 0)
            {
                Error(NotWorkflowJson, $"rule '{name}' is not converted: {Stray(rule, strays[0])}", strays[0].Offset);
                return null;
            }

            var children = nested.Where(c => c.Member("Enabled")?.Value is not JsonScalarItem { Kind: JsonTokenType.False }).ToList();
            if (children.Count > 0)
            {
                var op = rule.Text("Operator") ?? "";
                var join = op.ToLowerInvariant() switch
                {
                    "and" or "andalso" => " && ",
                    "or" or "orelse" => " || ",
                    _ => null,
                };
                if (join is null)
                {
                    Error(Unsupported, $"rule '{name}' is not converted: nested rules need Operator And, AndAlso, Or or OrElse (it is '{op}')",
                        rule.Member("Operator")?.NameOffset ?? rule.Offset);
                    return null;
                }

                var parts = children.Select(c => Condition(c, scope)).ToList();
                return parts.Any(p => p is null) ? null : string.Join(join, parts.Select(p => $"({p})"));
            }

            if (rule.Member("Expression")?.Value is not JsonScalarItem { Kind: JsonTokenType.String, Text: { } text } expression || string.IsNullOrWhiteSpace(text))
            {
                Error(Unsupported, $"rule '{name}' is not converted: it has neither an Expression nor nested Rules", rule.Offset);
                return null;
            }

            return Expression(text, expression, scope, $"rule '{name}'", CustomCode);
        }

        /// <summary>Converts scoped params in order into <paramref name="scope"/>; false (reported) when one cannot be.</summary>
        private bool Params(JsonMember? member, Dictionary<string, string> scope, string owner)
        {
            if (member?.Value is not JsonArrayItem list)
            {
                return true;
            }

            foreach (var param in list.Items.OfType<JsonObjectItem>())
            {
                var name = param.Text("Name");
                if (string.IsNullOrWhiteSpace(name) || param.Member("Expression")?.Value is not JsonScalarItem { Text: { } text } expression)
                {
                    Error(ScopedParam, $"{owner}: a scoped param needs a Name and an Expression", param.Offset);
                    return false;
                }

                if (Expression(text, expression, scope, $"{owner}, param '{name}'", ScopedParam) is not { } converted)
                {
                    return false;
                }

                scope[name] = $"({converted})";
            }

            return true;
        }

        /// <summary>One expression in the map's language, or null with the first problem reported at its character.</summary>
        private string? Expression(string text, JsonScalarItem node, Dictionary<string, string> scope, string owner, string customCode)
        {
            var tokens = ExpressionTokens.Read(text, out var bad);
            if (tokens is null)
            {
                return Fail(NotInAllowList, $"{owner} is not converted: the expression cannot be read here", node, bad);
            }

            var sb = new StringBuilder();
            var end = 0;
            void Emit(Token t, string replacement)
            {
                sb.Append(text, end, t.Offset - end).Append(replacement);
                end = t.Offset + t.Text.Length;
            }

            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                var previous = i > 0 ? tokens[i - 1] : default;
                var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
                if (t.Kind == TokenKind.Symbol)
                {
                    switch (t.Text)
                    {
                        case "=>":
                            return Fail(NotInAllowList, $"{owner} is not converted: lambdas (`=>`) are outside the map's allow-list", node, t.Offset);
                        case "[":
                            return Fail(NotInAllowList, $"{owner} is not converted: indexers (`[...]`) are outside the map's allow-list; a map field holds one value", node, t.Offset);
                        case "?.":
                            return Fail(NotInAllowList, $"{owner} is not converted: `?.` is outside the map's allow-list", node, t.Offset);
                        case "=":
                            Emit(t, "==");
                            continue;
                        case "<>":
                            Emit(t, "!=");
                            continue;
                        default:
                            Emit(t, t.Text);
                            continue;
                    }
                }

                if (t.Kind != TokenKind.Identifier || previous.Is("."))
                {
                    Emit(t, t.Text);
                    continue;
                }

                var word = t.Text.ToLowerInvariant();
                if (word is "and" or "or" or "not" or "true" or "false" or "null" or "in")
                {
                    Emit(t, word switch { "and" => "&&", "or" => "||", "not" => "!", _ => word });
                    continue;
                }

                if (scope.TryGetValue(t.Text, out var inlined))
                {
                    Emit(t, inlined);
                    continue;
                }

                if (next.Is("("))
                {
                    Emit(t, t.Text);   // iif(...), np(...): the map's compiler decides
                    continue;
                }

                if (t.Text == "Math" && next.Is("."))
                {
                    Emit(t, t.Text);
                    continue;
                }

                string field;
                if (next.Is(".") && i + 2 < tokens.Count && tokens[i + 2].Kind == TokenKind.Identifier)
                {
                    var member = tokens[i + 2];
                    if (i + 3 < tokens.Count && tokens[i + 3].Is("("))
                    {
                        return Fail(customCode == ScopedParam ? ScopedParam : CustomCode,
                            $"{owner} is not converted: `{t.Text}.{member.Text}(...)` calls a method of a custom type or of an input object; a map calls no host code",
                            node, t.Offset);
                    }

                    if (i + 4 < tokens.Count && tokens[i + 3].Is(".") && tokens[i + 4].Kind == TokenKind.Identifier &&
                        !(i + 5 < tokens.Count && tokens[i + 5].Is("(")) && !KnownMembers.Contains(tokens[i + 4].Text))
                    {
                        return Fail(NotInAllowList,
                            $"{owner} is not converted: `{t.Text}.{member.Text}.{tokens[i + 4].Text}` reads a nested object; a map's customer is one flat record",
                            node, t.Offset);
                    }

                    field = member.Text;
                    // `input1.age` is read as the field: the input's name and its dot go.
                    sb.Append(text, end, t.Offset - end);
                    end = member.Offset;
                    t = member;
                    i += 2;
                }
                else
                {
                    field = t.Text;
                }

                if (!Syntax.IsFieldName(field) || ReservedFieldNames.Contains(field))
                {
                    return Fail(NotInAllowList, $"{owner} is not converted: '{field}' cannot be a map field name", node, t.Offset);
                }

                Emit(t, _fields.Canonical(field));
            }

            sb.Append(text, end, text.Length - end);
            return sb.ToString().Trim();
        }

        /// <summary>Infers the fields, compiles every converted condition with the map's compiler, and names the segments.</summary>
        private List<ImportedRule> Compile(bool prefixWorkflow)
        {
            foreach (var (_, _, condition, _) in _converted)
            {
                _fields.Observe(ExpressionTokens.Read(condition, out _) ?? []);
            }

            var layout = new RowLayout(_fields.Fields);
            var scope = ExpressionScope.ForTiers(layout).ForSegments();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var imported = new List<ImportedRule>();
            foreach (var (workflow, rule, condition, at) in _converted)
            {
                var name = rule.Text("RuleName") ?? "";
                var bag = new DiagnosticBag();
                if (ExpressionCompiler.Compile(new Located<string>(condition, at), scope, bag) is null)
                {
                    var reason = bag.Items.FirstOrDefault()?.Message ?? "it does not compile";
                    _diagnostics.Add(Diagnostic.Error(NotInAllowList, $"rule '{name}' is not converted: as `{condition}`, {reason}", at));
                    continue;
                }

                var baseId = Id(prefixWorkflow ? $"{workflow}-{name}" : name, $"rule-{imported.Count + 1}");
                var id = baseId;
                for (var n = 2; !ids.Add(id); n++)
                {
                    id = $"{baseId}-{n}";
                }

                imported.Add(new ImportedRule(workflow, name, id, condition, rule.Text("ErrorMessage"), rule.Text("SuccessEvent")));
            }

            return imported;
        }

        private string? Fail(string code, string message, JsonScalarItem node, int index)
        {
            _diagnostics.Add(Diagnostic.Error(code, message, At(json.InString(node.Offset, Math.Max(0, index)))));
            return null;
        }

        private void Error(string code, string message, int offset) => _diagnostics.Add(Diagnostic.Error(code, message, At(offset)));

        private void Warning(string code, string message, int offset) => _diagnostics.Add(Diagnostic.Warning(code, message, At(offset)));

        private SourceLocation At(int offset)
        {
            var (line, column) = json.Position(offset);
            return new SourceLocation(json.File, line, column);
        }
    }

    /// <summary>Names the map's expressions reserve (docs/expressions.md), which a field cannot take.</summary>
    private static readonly HashSet<string> ReservedFieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "holdings", "segments", "tier", "stage", "event", "events", "contacts", "it", "parent", "root",
        "true", "false", "null", "new", "iif", "np", "and", "or", "not", "in", "as", "is", "Math",
    };
}
