using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Decisioning.HostApp.Tests;

/// <summary>
/// README's C# is what a new user pastes first: it must compile as written (in a `dotnet new web`
/// project, with that template's implicit usings) and answer as samples/HostApp does.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    // The global usings of a Microsoft.NET.Sdk.Web project with ImplicitUsings enabled.
    private const string WebImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    // Compiling costs seconds: once per block for both tests.
    private static readonly Lazy<IReadOnlyList<(string Block, Assembly? Assembly, IReadOnlyList<string> Errors)>> Compiled =
        new(() => CSharpBlocks().Select(b => { var (a, e) = Compile(b); return (b, a, e); }).ToList());

    [Fact]
    public void EveryCSharpBlock_CompilesAsWritten()
    {
        Assert.NotEmpty(Compiled.Value);
        foreach (var (_, assembly, errors) in Compiled.Value)
        {
            Assert.True(assembly is not null, "README's C# does not compile:\n" + string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task HostSnippet_AnswersAsTheSampleHostApp()
    {
        var (_, assembly, errors) = Compiled.Value.Single(c => c.Block.Contains("app.Run()", StringComparison.Ordinal));
        Assert.True(assembly is not null, string.Join("\n", errors));
        var contentRoot = Path.Combine(Path.GetTempPath(), "decisioning-readme-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "spec-example"), Path.Combine(contentRoot, "strategies", "retail-wealth"));
        try
        {
            await using var app = await RunningApp.StartAsync(assembly!, contentRoot);
            using var client = new HttpClient { BaseAddress = app.Address };
            var snapshot = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "spec-example", "customer-C001.json"));

            using var ok = await client.PostAsync("/decide/retail-wealth?at=2026-11-23", Json(snapshot));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("application/json", ok.Content.Headers.ContentType!.MediaType);
            Assert.Contains("\"customerId\":\"C001\"", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var bad = await client.PostAsync("/decide/retail-wealth", Json("""{"customerId": "C9"}"""));
            Assert.Equal((HttpStatusCode)422, bad.StatusCode);
            Assert.Equal("application/json", bad.Content.Headers.ContentType!.MediaType);
            Assert.Contains("\"code\":\"missing-field\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var unknown = await client.PostAsync("/decide/nope", Json(snapshot));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            using var badAt = await client.PostAsync("/decide/retail-wealth?at=yesterday", Json(snapshot));
            Assert.Equal(HttpStatusCode.BadRequest, badAt.StatusCode);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static IEnumerable<string> CSharpBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        return CSharpFence().Matches(readme).Select(m => m.Groups["body"].Value);
    }

    private static (Assembly? Assembly, IReadOnlyList<string> Errors) Compile(string program)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Preview), path: "Program.cs"),
            CSharpSyntaxTree.ParseText(WebImplicitUsings, new CSharpParseOptions(LanguageVersion.Preview), path: "GlobalUsings.g.cs"),
        };
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(Path.Combine(AppContext.BaseDirectory, "Decisioning.dll"))
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "ReadmeApp-" + Guid.NewGuid().ToString("N"),
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return result.Success ? (Assembly.Load(image.ToArray()), errors) : (null, errors);
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Decisioning.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find Decisioning.sln above the test output");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    [GeneratedRegex(@"^```csharp\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpFence();

    /// <summary>
    /// Runs a compiled top-level program on its own thread and catches its host as it is built
    /// (the hosting DiagnosticListener, as WebApplicationFactory does), so the test can find its
    /// address and stop it.
    /// </summary>
    private sealed class RunningApp : IAsyncDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<IDisposable> _subscriptions = [];
        private readonly string _contentRoot;
        private Thread? _thread;

        private RunningApp(string contentRoot) => _contentRoot = contentRoot;

        public Uri Address { get; private set; } = null!;

        private IHost Host => _built.Task.Result;

        public static async Task<RunningApp> StartAsync(Assembly program, string contentRoot)
        {
            var app = new RunningApp(contentRoot);
            app._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(app));
            string[] args = ["--contentRoot", contentRoot, "--urls", "http://127.0.0.1:0", "--environment", "Production"];
            app._thread = new Thread(() => program.EntryPoint!.Invoke(null, [args])) { IsBackground = true };
            app._thread.Start();
            var host = await app._built.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(started.SetResult);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            app.Address = new Uri(address);
            return app;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            if (_built.Task.IsCompletedSuccessfully)
            {
                Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
                await Task.Run(() => _thread!.Join(TimeSpan.FromSeconds(30)));
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // Other tests build hosts in this process too: take only the one on our content root.
            if (value.Key == "HostBuilt" && value.Value is IHost host
                && host.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath.TrimEnd('/') == _contentRoot)
            {
                _built.TrySetResult(host);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
