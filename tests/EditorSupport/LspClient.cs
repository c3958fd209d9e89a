using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Decisioning.EditorSupport.Tests;

/// <summary>
/// A minimal Language Server Protocol client over a server's stdio, as an editor speaks it:
/// Content-Length framed JSON-RPC, requests with ids, notifications, and answers to the server's
/// own requests (its settings through <c>workspace/configuration</c>, registrations, progress).
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _server;
    private readonly Stream _input;
    private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
    private readonly JsonObject _settings;
    private readonly StringBuilder _errors = new();
    private int _nextId;

    private LspClient(Process server, JsonObject settings)
    {
        _server = server;
        _input = server.StandardInput.BaseStream;
        _settings = settings;
        server.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        server.BeginErrorReadLine();
        _ = Task.Run(ReadAsync);
    }

    /// <summary>What the server wrote to stderr, for a failing test's message.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>node SCRIPT --stdio</c> and initializes it for <paramref name="rootDirectory"/>.</summary>
    public static async Task<LspClient> StartAsync(string node, string script, string rootDirectory, JsonObject settings)
    {
        var info = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--stdio");
        var client = new LspClient(Process.Start(info)!, settings);
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = Uri(rootDirectory),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = true } },
                    ["publishDiagnostics"] = new JsonObject(),
                },
            },
        });
        await client.NotifyAsync("initialized", new JsonObject());
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["yaml"] = settings.DeepClone() } });
        return client;
    }

    public static string Uri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>Opens a document and returns the diagnostics the server publishes for it.</summary>
    public async Task<JsonArray> OpenAsync(string path, string text)
    {
        var uri = Uri(path);
        await NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = text },
        });
        var published = await WaitAsync(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri);
        return published["params"]!["diagnostics"]!.AsArray();
    }

    /// <summary>The completion items offered at a zero-based line and character.</summary>
    public async Task<JsonArray> CompleteAsync(string path, int line, int character)
    {
        var result = await RequestAsync("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path) },
            ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
        });
        return result is JsonObject list ? list["items"]!.AsArray() : result?.AsArray() ?? [];
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var answer = await WaitAsync(m => m["method"] is null && (int?)m["id"] == id);
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return answer["result"];
    }

    public Task NotifyAsync(string method, JsonObject parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var id = Interlocked.Increment(ref _nextId);
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "shutdown" });
            await NotifyAsync("exit", new JsonObject());
            await _server.WaitForExitAsync(stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // A server that will not stop is ended below.
        }
        finally
        {
            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
            }

            _server.Dispose();
        }
    }

    // The next message that matches, answering the server's requests on the way.
    private async Task<JsonObject> WaitAsync(Func<JsonObject, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(timeout.Token);
                if (message["method"] is { } method && message["id"] is { } id)
                {
                    await AnswerAsync((string)method!, id.DeepClone(), message["params"]);
                }
                else if (wanted(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the language server did not answer within {Patience.TotalSeconds} s; its stderr:\n{Errors}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the language server exited; its stderr:\n{Errors}");
        }
    }

    private Task AnswerAsync(string method, JsonNode id, JsonNode? parameters)
    {
        JsonNode? result = method switch
        {
            // One copy of the yaml settings per item asked for.
            "workspace/configuration" => new JsonArray([.. parameters!["items"]!.AsArray().Select(_ => (JsonNode?)_settings.DeepClone())]),
            _ => null,
        };
        return SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
    }

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _input.WriteAsync(header);
        await _input.WriteAsync(body);
        await _input.FlushAsync();
    }

    private async Task ReadAsync()
    {
        var output = _server.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var length = await ReadHeaderAsync(output);
                if (length < 0)
                {
                    break;
                }

                var body = new byte[length];
                await output.ReadExactlyAsync(body);
                if (JsonNode.Parse(body) is JsonObject message)
                {
                    await _messages.Writer.WriteAsync(message);
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or JsonException or ObjectDisposedException)
        {
            // The server went away: waiting readers see the channel closed.
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    // The Content-Length of the next message, or -1 at the end of the stream.
    private static async Task<int> ReadHeaderAsync(Stream output)
    {
        var length = -1;
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await output.ReadAsync(one) == 0)
            {
                return -1;
            }

            if (one[0] != '\n')
            {
                if (one[0] != '\r')
                {
                    line.Append((char)one[0]);
                }

                continue;
            }

            if (line.Length == 0)
            {
                return length;
            }

            var text = line.ToString();
            if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(text["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }

            line.Clear();
        }
    }
}
