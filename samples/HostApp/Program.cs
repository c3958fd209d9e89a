using Decisioning.Board;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.Snapshots;

// A bank's decision API on Decisioning: POST a customer snapshot, get the next-best action.
var builder = WebApplication.CreateBuilder(args);

// The map ships beside the app; configuration ("Decisioning:Maps:retail-wealth:Path") can point elsewhere.
builder.Services.AddDecisioning(decisioning => decisioning
    .AddMap("retail-wealth", Path.Combine(AppContext.BaseDirectory, "strategies", "retail-wealth")));
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, DecisioningJsonContext.Default));

// The strategy board at /decisioning, for the role board-reader only (see ApiKeyAuthentication.cs).
builder.Services.AddAuthentication(HostApp.ApiKeyAuthentication.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HostApp.ApiKeyAuthentication>(HostApp.ApiKeyAuthentication.SchemeName, null);
builder.Services.AddAuthorization(auth => auth.AddPolicy("board-readers", policy => policy.RequireRole("board-reader")));
builder.Services.AddDecisioningBoard(board => board.AuthorizationPolicy = "board-readers");

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapDecisioningBoard("/decisioning");

app.MapGet("/maps", (IDecisionEngine engine) => engine.Maps);

// Body: the snapshot JSON (docs/reference/snapshot.md). Query: at=ISO-8601 (default: now).
// 200: the decision line (docs/reference/decision.md); 422: its error record; 404: no such map.
app.MapPost("/decide/{mapId}", async (string mapId, string? at, HttpRequest request, IDecisionEngine engine, TimeProvider clock, RecentDecisions recent) =>
{
    if (engine.GetMap(mapId) is null)
    {
        return Results.NotFound(new { error = $"no map '{mapId}' is served" });
    }

    var when = clock.GetUtcNow();
    if (at is not null)
    {
        if (!MapSyntax.TryParseInstant(at, out var parsed))
        {
            return Results.BadRequest(new { error = $"at '{at}' is not an ISO-8601 date or date-time" });
        }

        when = new DateTimeOffset(parsed, TimeSpan.Zero);
    }

    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
    var snapshot = CustomerSnapshot.FromJson(body.ToArray());
    var decided = engine.TryDecide(mapId, snapshot, when, out var decision, out var error);
    var line = decided ? DecisioningJson.Serialize(decision!) : DecisioningJson.Serialize(error!);
    recent.Add(line);   // the board's recent decisions, error records included
    return decided
        ? Results.Text(line, "application/json; charset=utf-8")
        : Results.Text(line, "application/json; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity);
});

// Body: outcome lines (JSON Lines: customerId, at, product, strategy?, kind, value), for the board.
app.MapPost("/outcomes", async (HttpRequest request, RecentDecisions recent) =>
{
    using var reader = new StreamReader(request.Body);
    var count = 0;
    while (await reader.ReadLineAsync(request.HttpContext.RequestAborted) is { } line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            recent.AddOutcome(line);
            count++;
        }
    }

    return Results.Ok(new { received = count });
});

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
