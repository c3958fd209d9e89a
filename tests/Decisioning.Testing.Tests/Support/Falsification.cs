using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Decisioning.Testing.Tests.Support;

/// <summary>What one FsCheck run of a property found: whether it failed, after how many tests, and the shrunk customer.</summary>
internal sealed record Falsification(bool Failed, int Tests, GeneratedCustomer? Original, GeneratedCustomer? Shrunk, string Message)
{
    /// <summary>Runs <paramref name="property"/> as FsCheck.Xunit would by default: 100 tests, a fresh seed.</summary>
    public static Falsification Run(Property property, int maxTest = 100)
    {
        var runner = new CapturingRunner();
        Check.One(Config.Quick.WithMaxTest(maxTest).WithRunner(runner), property);
        var failed = runner.Result?.IsFailed ?? false;
        return new Falsification(failed, runner.Tests, runner.Original, runner.Shrunk ?? runner.Original, runner.Message);
    }

    private sealed class CapturingRunner : IRunner
    {
        public int Tests;
        public GeneratedCustomer? Original;
        public GeneratedCustomer? Shrunk;
        public TestResult? Result;
        public string Message = "";

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
            Tests = ntest;
            Original = args.IsEmpty ? null : args.Head as GeneratedCustomer;
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) =>
            Shrunk = args.IsEmpty ? null : args.Head as GeneratedCustomer;

        public void OnFinished(string name, TestResult testResult)
        {
            Result = testResult;
            Message = Runner.onFinishedToString(name, testResult);
        }
    }
}
