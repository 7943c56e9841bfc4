using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Platform.DemoCounty.Cli;

/// <summary>A failure the program explains to the operator and exits on (token, readiness).</summary>
public sealed class DemoCountyFailureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The gateway's token endpoint (client credentials) and readiness probe.</summary>
public static class GatewayClient
{
    /// <summary>POSTs <c>grant_type=client_credentials</c> and returns the <c>access_token</c> of the JSON answer.</summary>
    public static async Task<string> GetClientCredentialsTokenAsync(
        HttpClient http,
        Uri tokenUrl,
        string clientId,
        string clientSecret,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var form = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("grant_type", "client_credentials"),
            new KeyValuePair<string, string>("client_id", clientId),
            new KeyValuePair<string, string>("client_secret", clientSecret),
        ]);

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(tokenUrl, form, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DemoCountyFailureException($"Cannot reach the token endpoint {tokenUrl}: {e.Message} (is the gateway running? try --wait)", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DemoCountyFailureException($"The token endpoint {tokenUrl} did not answer in time.", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new DemoCountyFailureException(
                    $"The token endpoint {tokenUrl} refused client '{clientId}': HTTP {(int)response.StatusCode} {response.ReasonPhrase}. {Shorten(body)}");
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("access_token", out var token)
                    && token.ValueKind == JsonValueKind.String
                    && token.GetString() is { Length: > 0 } accessToken)
                {
                    return accessToken;
                }
            }
            catch (JsonException)
            {
                // Explained below.
            }

            throw new DemoCountyFailureException($"The token endpoint {tokenUrl} answered without an access_token. {Shorten(body)}");
        }
    }

    /// <summary><c>{origin of the token URL}/health/ready</c>.</summary>
    public static Uri ReadinessUrl(Uri tokenUrl)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        return new Uri(new Uri(tokenUrl.GetLeftPart(UriPartial.Authority)), "/health/ready");
    }

    /// <summary>
    /// Polls <paramref name="readyUrl"/> until it answers 200 or <paramref name="timeout"/> passes,
    /// telling <paramref name="output"/> what it waits for. Returns whether it became ready.
    /// </summary>
    public static async Task<bool> WaitUntilReadyAsync(
        HttpClient http,
        Uri readyUrl,
        TimeSpan timeout,
        TextWriter output,
        bool interactive,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(output);
        var clock = Stopwatch.StartNew();
        string? lastState = null;
        TimeSpan? lastLine = null;
        var width = 0;
        while (true)
        {
            string state;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    using var response = await http.GetAsync(readyUrl, attempt.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        if (interactive && width > 0)
                        {
                            output.WriteLine();
                        }

                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gateway ready ({readyUrl}) after {clock.Elapsed.TotalSeconds:0} s."));
                        return true;
                    }

                    state = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }
                catch (HttpRequestException e)
                {
                    state = e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : e.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    state = "no answer within 5 s";
                }
            }

            if (clock.Elapsed >= timeout)
            {
                if (interactive && width > 0)
                {
                    output.WriteLine();
                }

                return false;
            }

            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"Waiting for the gateway to be ready: GET {readyUrl} → {state} ({clock.Elapsed.TotalSeconds:0} s of {timeout.TotalSeconds:0} s)");
            if (interactive)
            {
                output.Write("\r" + line.PadRight(width));
                width = line.Length;
            }
            else if (state != lastState || lastLine is null || clock.Elapsed - lastLine >= TimeSpan.FromSeconds(10))
            {
                output.WriteLine(line);
                lastLine = clock.Elapsed;
            }

            lastState = state;
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static string Shorten(string body)
    {
        body = body.ReplaceLineEndings(" ").Trim();
        return body.Length <= 300 ? body : string.Concat(body.AsSpan(0, 300), "…");
    }
}
