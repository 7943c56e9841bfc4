using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.Faults.Load;

/// <summary>What the platform said to one attempt of a write.</summary>
internal enum Answer
{
    /// <summary>Accepted (2xx, gRPC OK).</summary>
    Accepted,

    /// <summary>Refused with a reason (4xx, a gRPC status of the caller's making): nothing changed.</summary>
    Refused,

    /// <summary>No answer, or one that does not say whether the write happened (a reset, a timeout, a 5xx, "in progress").</summary>
    Unknown,
}

/// <summary>One attempt's answer: the status, the body (JSON) when accepted, the problem text when refused.</summary>
internal sealed record Reply(Answer Answer, int Status, JsonElement Body, string Text)
{
    public static Reply Unknown(string why) => new(Answer.Unknown, 0, default, why);

    /// <summary>Whether a refusal says this (a domain message that proves an earlier attempt was applied).</summary>
    public bool Says(string message) => Answer == Answer.Refused && Text.Contains(message, StringComparison.Ordinal);

    /// <summary>Why, in a few words: the first field error of a problem, else its detail or title, else the text.</summary>
    public string Reason()
    {
        var json = Text.IndexOf('{', StringComparison.Ordinal);
        if (json >= 0)
        {
            try
            {
                using var problem = JsonDocument.Parse(Text[json..]);
                var root = problem.RootElement;
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in errors.EnumerateObject())
                    {
                        return $"{Status} {field.Name}: {field.Value[0].GetString()}";
                    }
                }

                foreach (var name in new[] { "detail", "title" })
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return $"{Status} {value.GetString()}";
                    }
                }
            }
            catch (JsonException)
            {
                // not a problem document
            }
        }

        return Text.Length > 80 ? Text[..80] : Text;
    }
}

/// <summary>
/// The load's way into the platform: REST and gRPC through the gateway only, with access tokens from the
/// gateway's own issuer (client credentials of the local start's demo clients), renewed before they expire
/// and after a 401. Every attempt is classified, never retried here: retrying is the ledger's business.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    public const string CountyOffice = "county-office";
    public const string EducationBureau = "education-bureau";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly GrpcChannel grpc;
    private readonly Dictionary<string, TokenSource> tokens;

    public GatewayClient(Uri gatewayHttp, Uri gatewayGrpc)
    {
        http = new HttpClient { BaseAddress = gatewayHttp, Timeout = TimeSpan.FromSeconds(30) };
        grpc = GrpcChannel.ForAddress(gatewayGrpc);
        // Demo clients of the gateway's Development settings (local start only).
        tokens = new Dictionary<string, TokenSource>(StringComparer.Ordinal)
        {
            [CountyOffice] = new TokenSource(http, CountyOffice, "county-office-secret"),
            [EducationBureau] = new TokenSource(http, EducationBureau, "education-bureau-secret"),
        };
    }

    public CallInvoker Grpc => grpc.CreateCallInvoker();

    /// <summary>One attempt of a REST call; a 401 (a token that expired meanwhile) is the only thing tried again.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string client, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens[client].GetAsync(cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or IOException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return Reply.Unknown(error.GetType().Name + ": " + error.Message);
            }

            using (response)
            {
                string text;
                try
                {
                    text = await response.Content.ReadAsStringAsync(cancellationToken);
                }
                catch (Exception error) when (error is HttpRequestException or IOException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return Reply.Unknown("the answer broke off: " + error.Message);
                }

                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens[client].Forget(token);
                    continue;
                }

                if (status is >= 200 and < 300)
                {
                    return new Reply(Answer.Accepted, status, Parse(text), text);
                }

                // 5xx: the service may have committed before it failed (or the gateway lost it mid-answer).
                // 409 "in progress": an Idempotency-Key whose first attempt's outcome the service never recorded.
                var unknown = status >= 500 || (status == 409 && idempotencyKey is not null && text.Contains("相同的请求正在处理", StringComparison.Ordinal));
                return new Reply(unknown ? Answer.Unknown : Answer.Refused, status, default, $"{status} {text}");
            }
        }
    }

    /// <summary>One attempt of a unary or client-streaming gRPC call through the gateway.</summary>
    public async Task<(Reply Reply, T? Response)> CallAsync<T>(string client, Func<Metadata, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens[client].GetAsync(cancellationToken);
            try
            {
                var response = await call(new Metadata { { "authorization", "Bearer " + token } }, cancellationToken);
                return (new Reply(Answer.Accepted, 0, default, string.Empty), response);
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated && attempt == 1)
            {
                tokens[client].Forget(token);
            }
            catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
            {
                var answer = error.StatusCode is StatusCode.Unavailable or StatusCode.Unknown or StatusCode.Internal or StatusCode.Cancelled
                    or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.DataLoss
                    ? Answer.Unknown
                    : Answer.Refused;
                return (new Reply(answer, (int)error.StatusCode, default, $"{error.StatusCode} {error.Status.Detail}"), null);
            }
        }
    }

    private static JsonElement Parse(string text)
    {
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        grpc.Dispose();
        http.Dispose();
    }

    /// <summary>
    /// A client's access token from POST /connect/token, kept until shortly before it expires. While the
    /// issuer cannot answer (its database is down) the old token is kept if it is still valid; else the
    /// request waits for the issuer.
    /// </summary>
    private sealed class TokenSource(HttpClient http, string clientId, string secret)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private string? token;
        private DateTimeOffset renewAt;
        private DateTimeOffset expiresAt;

        public async Task<string> GetAsync(CancellationToken cancellationToken)
        {
            if (token is { } current && DateTimeOffset.UtcNow < renewAt)
            {
                return current;
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                var wait = TimeSpan.FromMilliseconds(200);
                while (token is null || DateTimeOffset.UtcNow >= renewAt)
                {
                    if (await TryFetchAsync(cancellationToken))
                    {
                        break;
                    }

                    if (token is not null && DateTimeOffset.UtcNow < expiresAt - TimeSpan.FromMinutes(1))
                    {
                        return token; // the issuer is down for now; the token still serves
                    }

                    await Task.Delay(wait, cancellationToken);
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(3).Ticks));
                }

                return token!;
            }
            finally
            {
                gate.Release();
            }
        }

        public void Forget(string rejected)
        {
            if (token == rejected)
            {
                renewAt = DateTimeOffset.MinValue;
            }
        }

        private async Task<bool> TryFetchAsync(CancellationToken cancellationToken)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            });
            try
            {
                using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var lifetime = TimeSpan.FromSeconds(document.RootElement.GetProperty("expires_in").GetInt32());
                var now = DateTimeOffset.UtcNow;
                token = document.RootElement.GetProperty("access_token").GetString();
                expiresAt = now + lifetime;
                renewAt = now + lifetime * 0.8;
                return token is not null;
            }
            catch (Exception error) when (error is HttpRequestException or IOException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return false;
            }
        }
    }
}
