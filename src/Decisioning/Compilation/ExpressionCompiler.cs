using Decisioning.Plan;
using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Dynamic.Core.Parser;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Parsing;
using Decisioning.Runtime;
using FastExpressionCompiler;

namespace Decisioning.Compilation;

/// <summary>
/// Compiles a map's boolean expressions (System.Linq.Dynamic.Core syntax, as Microsoft
/// RulesEngine) into delegates over a <see cref="Frame"/>, in a sandbox: lexical limits first,
/// then the parser with only the scope's names, then <see cref="SandboxInspector"/>'s allow-list.
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly ParsingConfig Config = new()
    {
        AllowNewToEvaluateAnyType = false,
        ResolveTypesBySimpleName = false,
        AllowEqualsAndToStringMethodsOnObject = false,
        DisableMemberAccessToIndexAccessorFallback = true,
        PrioritizePropertyOrFieldOverTheType = true,
        ExpressionPromoter = new NullableIntegerPromoter(),
    };

    // One runtime type per event layout, so that `event.amount` parses as a typed member access.
    private static readonly ConditionalWeakTable<RowLayout, Type> EventTypes = new();

    public static CompiledCondition? Compile(Located<string> source, ExpressionScope scope, DiagnosticBag diagnostics)
    {
        var text = source.Value;
        var key = scope.Cache is null ? null : ExpressionCache.Key(text, scope);
        if (key is not null && scope.Cache!.TryGet(key, out var cached))
        {
            return new CompiledCondition(text, source.Location, cached.Test, cached.Names, cached.MayThrow);
        }

        if (ExpressionLimits.Check(text) is { } lexical)
        {
            diagnostics.Error(lexical.Code, lexical.Message, source.Location.Shift(lexical.Offset));
            return null;
        }

        var declared = Declare(scope);
        var (_, frame, fields, members, parameters, eventParameter) = declared;
        Expression body;
        try
        {
            // The forms maps use most are parsed without Dynamic LINQ's reflection, into the tree it
            // would build (FastExpressionParser); everything else, and every error, is its own.
            // The parser alone, not ParseLambda: a lambda over more than 16 parameters would make
            // the runtime emit a delegate type, which cannot refer to an event's runtime type.
            body = FastExpressionParser.TryParse(text, parameters) ?? ParseWithDynamicLinq(text, parameters);
        }
        catch (ParseException e)
        {
            Report(diagnostics, source, e, parameters, scope.Unresolved);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InsufficientExecutionStackException
            // The parser converts literals while it parses: `hasPhone == "text"` fails as a FormatException (found by FuzzTests).
            or FormatException or InvalidCastException or OverflowException or NotSupportedException)
        {
            diagnostics.Error(DiagnosticCodes.ExpressionSyntax, $"expression cannot be parsed: {e.Message}", source.Location);
            return null;
        }

        if (SandboxInspector.Inspect(body, declared.Set) is { } violation)
        {
            diagnostics.Error(DiagnosticCodes.ExpressionForbidden, violation.Message,
                source.Location.Shift(Math.Max(0, ExpressionLimits.IndexOfWord(text, violation.Name))));
            return null;
        }

        if (body.Type == typeof(bool?))
        {
            body = Expression.Coalesce(body, Expression.Constant(false));
        }
        else if (body.Type != typeof(bool))
        {
            diagnostics.Error(DiagnosticCodes.ExpressionType,
                $"expression must be true or false, but it gives {Describe(body.Type)}", source.Location);
            return null;
        }

        var rewritten = new SlotRewriter(frame, fields, members, eventParameter, scope.Event).Visit(body);
        var lambda = Expression.Lambda<Func<Frame, bool>>(rewritten, frame);
        // Compiled when first tested (CompiledCondition): a load of a map never seen before parses and
        // checks every expression (so every diagnostic is reported) but JIT-compiles none
        // (benchmarks/README.md: cold load). FastExpressionCompiler emits the same IL in a fraction of
        // Expression.Compile's time; a tree it does not support falls back.
        var test = new DeferredTest(() => LiftedArithmetic.In(rewritten)
            ? lambda.Compile()
            : lambda.CompileFast(ifFastFailedReturnNull: true) ?? lambda.Compile());
        var names = ExpressionLimits.NamesIn(text, declared.Names);
        var mayThrow = !ArithmeticFree.Holds(rewritten);
        if (key is not null)
        {
            scope.Cache!.Add(key, new ExpressionCache.Entry(test, names, mayThrow));
        }

        return new CompiledCondition(text, source.Location, test, names, mayThrow);
    }

    // The last scope's parameters, per thread: a load compiles its expressions scope by scope, and
    // the parameters are only read (as the parsers' names and the rewriter's keys).
    [ThreadStatic]
    private static Declared? _lastDeclared;

    /// <summary>The parameters an expression in <paramref name="scope"/> is parsed over, and what each reads.</summary>
    internal static Declared Declare(ExpressionScope scope)
    {
        if (_lastDeclared is { } last && last.Scope.Equals(scope))
        {
            return last;
        }

        var frame = Expression.Parameter(typeof(Frame), "frame");
        var fields = new Dictionary<ParameterExpression, FieldSlot>();
        var members = new Dictionary<ParameterExpression, string>();
        var parameters = new List<ParameterExpression>();
        foreach (var slot in scope.Customer.Fields)
        {
            var p = Expression.Parameter(slot.ClrType, slot.Name);
            fields[p] = slot;
            parameters.Add(p);
        }

        void AddMember(string name, Type type, string member)
        {
            var p = Expression.Parameter(type, name);
            members[p] = member;
            parameters.Add(p);
        }

        AddMember("holdings", typeof(IReadOnlyList<string>), nameof(Frame.Holdings));
        if (scope.Segments)
        {
            AddMember("segments", typeof(IReadOnlyList<string>), nameof(Frame.Segments));
        }

        if (scope.Tier)
        {
            AddMember("tier", typeof(string), nameof(Frame.Tier));
        }

        if (scope.Stage)
        {
            AddMember("stage", typeof(string), nameof(Frame.Stage));
        }

        ParameterExpression? eventParameter = null;
        if (scope.Event is { } payload)
        {
            eventParameter = Expression.Parameter(EventTypes.GetValue(payload, CreateEventType), "event");
            parameters.Add(eventParameter);
        }

        return _lastDeclared = new Declared(scope, frame, fields, members, parameters, eventParameter);
    }

    internal sealed record Declared(
        ExpressionScope Scope,
        ParameterExpression Frame,
        Dictionary<ParameterExpression, FieldSlot> Fields,
        Dictionary<ParameterExpression, string> Members,
        List<ParameterExpression> Parameters,
        ParameterExpression? Event)
    {
        /// <summary>The parameters as a set, for the sandbox's check that a tree uses no other.</summary>
        public IReadOnlySet<ParameterExpression> Set { get; } = Parameters.ToHashSet();

        /// <summary>The parameters' names, in their order.</summary>
        public string[] Names { get; } = [.. Parameters.Select(p => p.Name!)];
    }

    /// <summary>Dynamic LINQ's tree for <paramref name="text"/> over <paramref name="parameters"/> (tests compare the fast parser's with it).</summary>
    internal static Expression ParseWithDynamicLinq(string text, List<ParameterExpression> parameters) =>
        new ExpressionParser([.. parameters], text, [], Config).Parse(null, createParameterCtor: false);

    private static void Report(
        DiagnosticBag diagnostics, Located<string> source, ParseException e, List<ParameterExpression> parameters, IReadOnlySet<string> unresolved)
    {
        var at = source.Location.Shift(Math.Clamp(e.Position, 0, source.Value.Length));
        const string unknown = "Unknown identifier '";
        if (e.Message.StartsWith(unknown, StringComparison.Ordinal))
        {
            var name = e.Message[unknown.Length..].TrimEnd('\'', '.');
            if (unresolved.Contains(name))
            {
                return;
            }

            diagnostics.Error(DiagnosticCodes.ExpressionUnknownName,
                $"unknown name '{name}' in expression{Suggestions.DidYouMean(name, parameters.Select(p => p.Name!))}", at);
            return;
        }

        diagnostics.Error(DiagnosticCodes.ExpressionSyntax, $"expression: {e.Message}", at);
    }

    private static string Describe(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type).Name switch
        {
            "Int32" => "a whole number",
            "Decimal" or "Double" => "a number",
            "String" => "text",
            var other => other,
        };

    private static Type CreateEventType(RowLayout payload)
    {
        var properties = payload.Fields.Select(f => new DynamicProperty(f.Name, f.ClrType)).ToList();
        return DynamicClassFactory.CreateType(properties, createParameterCtor: false);
    }
}
