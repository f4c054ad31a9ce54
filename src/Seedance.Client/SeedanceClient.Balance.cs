using System.Text.Json;
using Seedance.Client.Balance;
using Seedance.Client.Errors;
using Seedance.Client.Serialization;

namespace Seedance.Client;

public partial class SeedanceClient
{
    private const string BalancePath = "/v1/balance";

    /// <summary>Reads the account balance. The provider may answer 200 with <c>success: false</c>; that is an error too.</summary>
    public virtual async Task<AccountBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        using var message = NewRequest(HttpMethod.Get, BalancePath);
        var response = await SendAsync(message, BalancePath, isSubmit: false, cancellationToken);
        if (!response.IsSuccess)
        {
            throw ErrorFrom(response, BalancePath, isSubmit: false, isTaskLookup: false);
        }

        using var document = ParseSuccess(response, BalancePath, isSubmit: false);
        var root = document.RootElement;
        if (JsonRead.Property(root, "success") is { ValueKind: JsonValueKind.False })
        {
            var said = JsonRead.String(root, "message") ?? ProviderResponses.ReadError(root).Message;
            throw new SeedanceApiException(SeedanceErrorKind.Unknown,
                $"The provider could not report the balance{(said is null ? "." : ": " + said)}",
                response.Status, providerMessage: said, requestPath: BalancePath);
        }

        if (EmbeddedError(document, response, BalancePath, isSubmit: false, isTaskLookup: false) is { } embedded)
        {
            throw embedded;
        }

        return ProviderResponses.ReadBalance(root)
            ?? throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {BalancePath} holds no remain_balance.", response.Status, requestPath: BalancePath);
    }
}
