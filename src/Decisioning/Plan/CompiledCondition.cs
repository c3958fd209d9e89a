using Decisioning.Diagnostics;
using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>A boolean expression compiled to a delegate over a <see cref="Frame"/>.</summary>
internal sealed class CompiledCondition
{
    // Replaced once by the compiled delegate when the condition is deferred (DeferredTest).
    private Func<Frame, bool> _test;
    private readonly bool _mayThrow;

    internal CompiledCondition(string text, SourceLocation location, Func<Frame, bool> test, IReadOnlyList<string> names, bool mayThrow = true)
    {
        Text = text;
        Location = location;
        _test = test;
        Names = names;
        _mayThrow = mayThrow;
    }

    /// <summary>
    /// A condition whose delegate is compiled the first time it is tested: a map loads without
    /// JIT-compiling a condition before a customer reaches it. The first test puts the compiled
    /// delegate in place, so every later test calls it directly, as a condition compiled at load does.
    /// </summary>
    internal CompiledCondition(string text, SourceLocation location, DeferredTest test, IReadOnlyList<string> names, bool mayThrow = true)
        : this(text, location, static _ => false, names, mayThrow) =>
        _test = frame => (_test = test.Compiled)(frame);

    /// <summary>The expression as written, for traces and <c>explain</c>.</summary>
    public string Text { get; }

    public SourceLocation Location { get; }

    /// <summary>Whether the expression can throw an arithmetic exception, and so runs guarded.</summary>
    internal bool MayThrow => _mayThrow;

    /// <summary>The names of the scope the expression reads, in the order they first appear.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Evaluates the condition. An expression that throws an arithmetic exception at run time
    /// (division by zero, decimal overflow) counts as false (docs/expressions.md); any other
    /// exception becomes an <see cref="EvaluationFault"/> naming the expression, which the
    /// evaluator turns into the customer's error record, so one odd customer never stops a batch.
    /// </summary>
    public bool Test(Frame frame) => _mayThrow ? Guarded(frame) : _test(frame);

    // Apart from Test, so that Test (without an exception handler) can be inlined for the many
    // conditions that cannot throw (ArithmeticFree).
    private bool Guarded(Frame frame)
    {
        try
        {
            return _test(frame);
        }
        catch (ArithmeticException)
        {
            return false;
        }
        catch (Exception e) when (e is not EvaluationFault)
        {
            throw new EvaluationFault($"expression `{Text}` ({Location}) failed: {EvaluationFault.Reason(e)}", e);
        }
    }

    /// <summary>A condition that always holds: the default of <c>eligible</c> and <c>reachable</c>.</summary>
    public static CompiledCondition True { get; } = new("true", default, _ => true, [], mayThrow: false);
}

/// <summary>
/// A condition's delegate, compiled once, when first needed, by whichever thread needs it first;
/// shared by every condition made from the same expression (the expression cache keeps it).
/// </summary>
internal sealed class DeferredTest(Func<Func<Frame, bool>> compile)
{
    private readonly Lock _gate = new();
    private Func<Func<Frame, bool>>? _compile = compile;
    private Func<Frame, bool>? _compiled;

    public Func<Frame, bool> Compiled
    {
        get
        {
            if (Volatile.Read(ref _compiled) is { } done)
            {
                return done;
            }

            lock (_gate)
            {
                if (_compiled is null)
                {
                    Volatile.Write(ref _compiled, _compile!());
                    _compile = null;
                }

                return _compiled;
            }
        }
    }
}
