package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.engine.InvokeService;
import io.hearth.model.Arns;

/**
 * The AWS Lambda API surface Hearth serves, one row per operation, paths as in the Lambda service
 * model. Invoke comes first: it is the route matched most often.
 */
final class LambdaRoutes {
    private LambdaRoutes() {}

    static RouteTable create(ControlPlane control, InvokeService invoke, Arns arns) {
        FunctionConfigurationJson configs = new FunctionConfigurationJson(arns);
        AliasConfigurationJson aliases = new AliasConfigurationJson(arns);
        ProvisionedConcurrencyJson provisioned = new ProvisionedConcurrencyJson(arns);
        return RouteTable.builder()
                .add("POST", "/2015-03-31/functions/{name}/invocations", new InvokeHandler(invoke))
                .add("POST", "/2014-11-13/functions/{name}/invoke-async", new InvokeAsyncHandler(invoke))
                .add("POST", "/2015-03-31/functions", new CreateFunctionHandler(control, configs))
                .add("GET", "/2015-03-31/functions", new ListFunctionsHandler(control, configs))
                .add("GET", "/2015-03-31/functions/{name}", new GetFunctionHandler(control, configs))
                .add("DELETE", "/2015-03-31/functions/{name}", new DeleteFunctionHandler(control))
                .add("GET", "/2015-03-31/functions/{name}/configuration",
                        new GetFunctionConfigurationHandler(control, configs))
                .add("PUT", "/2015-03-31/functions/{name}/configuration",
                        new UpdateFunctionConfigurationHandler(control, configs))
                .add("PUT", "/2015-03-31/functions/{name}/code", new UpdateFunctionCodeHandler(control, configs))
                .add("POST", "/2015-03-31/functions/{name}/versions", new PublishVersionHandler(control, configs))
                .add("GET", "/2015-03-31/functions/{name}/versions",
                        new ListVersionsByFunctionHandler(control, configs))
                .add("POST", "/2015-03-31/functions/{name}/aliases", new CreateAliasHandler(control, aliases))
                .add("GET", "/2015-03-31/functions/{name}/aliases", new ListAliasesHandler(control, aliases))
                .add("GET", "/2015-03-31/functions/{name}/aliases/{alias}", new GetAliasHandler(control, aliases))
                .add("PUT", "/2015-03-31/functions/{name}/aliases/{alias}", new UpdateAliasHandler(control, aliases))
                .add("DELETE", "/2015-03-31/functions/{name}/aliases/{alias}", new DeleteAliasHandler(control))
                .add("PUT", "/2017-10-31/functions/{name}/concurrency", new PutFunctionConcurrencyHandler(control))
                .add("GET", "/2019-09-30/functions/{name}/concurrency", new GetFunctionConcurrencyHandler(control))
                .add("DELETE", "/2017-10-31/functions/{name}/concurrency",
                        new DeleteFunctionConcurrencyHandler(control))
                .add("PUT", "/2019-09-30/functions/{name}/provisioned-concurrency",
                        new PutProvisionedConcurrencyConfigHandler(control))
                .add("GET", "/2019-09-30/functions/{name}/provisioned-concurrency",
                        listOrGet(new ListProvisionedConcurrencyConfigsHandler(control, provisioned),
                                new GetProvisionedConcurrencyConfigHandler(control)))
                .add("DELETE", "/2019-09-30/functions/{name}/provisioned-concurrency",
                        new DeleteProvisionedConcurrencyConfigHandler(control))
                .add("GET", "/2017-03-31/tags/{arn}", new ListTagsHandler(control, arns))
                .add("POST", "/2017-03-31/tags/{arn}", new TagResourceHandler(control, arns))
                .add("DELETE", "/2017-03-31/tags/{arn}", new UntagResourceHandler(control, arns))
                .add("GET", "/2016-08-19/account-settings", new GetAccountSettingsHandler(control))
                .build();
    }

    /**
     * One path, two operations: ListProvisionedConcurrencyConfigs carries {@code List} (= ALL),
     * GetProvisionedConcurrencyConfig does not.
     */
    private static Operation listOrGet(Operation list, Operation get) {
        return ex -> (ex.query("List") != null ? list : get).handle(ex);
    }
}
