import { readAttestationRoots } from "@latchkey/core/passkeys";
import { CfnOutput, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { Dashboard } from "aws-cdk-lib/aws-cloudwatch";
import { AccountRecovery, ClientAttributes, FeaturePlan, UserPool, type UserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { type Grant, type IGrantable, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { ConfigurationSet } from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import { accessTokenAuthorizer } from "./access-token-authorizer.ts";
import { adminEnvironment, createAdminApi, grantAdminFunction, grantAdminInvoke } from "./admin-api.ts";
import { alarmThresholds } from "./alarm-settings.ts";
import { wireAuditEvents } from "./audit-events.ts";
import { LAMBDA_HANDLER } from "./bundle-lambda.ts";
import { bundledCode } from "./bundled-code.ts";
import { LatchkeyAlarmSet, type LatchkeyAlarms } from "./create-alarms.ts";
import { createDashboard } from "./create-dashboard.ts";
import { createHttpApi } from "./create-http-api.ts";
import { createTable } from "./create-table.ts";
import { createEmailConfigurationSet } from "./email-configuration-set.ts";
import { checkEmailTemplates, templatedApiEntry } from "./email-templates-entry.ts";
import { grantSendEmail, grantSendText, grantTableAccess } from "./grant-access.ts";
import { handlerEntries } from "./handler-entries.ts";
import { lambdaEnvironment } from "./lambda-environment.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";
import { metricsNamespace } from "./metrics-namespace.ts";
import { senderIdentity } from "./sender-identity.ts";
import { allowCognitoInvoke, pointTriggersAt, triggerFunctionName } from "./wire-triggers.ts";

/** The attestation trust anchors' file in the api function's code. */
const ATTESTATION_ROOTS_FILE = "attestation-roots.json";

/** The DynamoDB actions each function's code makes (least-privilege.test.ts checks them against it). */
const API_TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"].map((a) => `dynamodb:${a}`);
const TRIGGER_TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem"].map((a) => `dynamodb:${a}`);
/**
 * The Cognito admin calls of core/src/aws/cognito-directory.ts, the api's user directory. Its GetUser,
 * which checks access tokens with the pool, is authorized by the token itself: IAM has no say in it.
 */
const API_COGNITO_ACTIONS = ["AdminGetUser"].map((a) => `cognito-idp:${a}`);
/** Every standard attribute but the verification flags (CDK names). */
const USER_WRITABLE_ATTRIBUTES = new ClientAttributes().withStandardAttributes({
  address: true,
  birthdate: true,
  email: true,
  familyName: true,
  gender: true,
  givenName: true,
  locale: true,
  middleName: true,
  fullname: true,
  nickname: true,
  phoneNumber: true,
  profilePicture: true,
  preferredUsername: true,
  profilePage: true,
  lastUpdateTime: true,
  website: true,
  timezone: true,
});
/** Only sign-up creates users: without it, the api cannot create one even if it is subverted. */
const SIGN_UP_ACTIONS = ["cognito-idp:AdminCreateUser"];

/**
 * Latchkey on AWS: the handlers that run in the local stack, deployed as an HTTP API function and one
 * combined custom-auth trigger function, with their table, link-signing key and challenge secret, and
 * the admin API for support staff (its own HTTP API and function, IAM-authorized), each function
 * allowed exactly the calls its code makes.
 */
export class Latchkey extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly table: Table;
  readonly httpApi: HttpApi;
  readonly apiUrl: string;
  readonly apiFunction: LambdaFunction;
  readonly triggerFunction: LambdaFunction;
  /** The admin API (see grantAdminApi): an HTTP API of its own, every route IAM-authorized. */
  readonly adminApi: HttpApi;
  readonly adminApiUrl: string;
  readonly adminFunction: LambdaFunction;
  readonly linkSigningKey: Key;
  readonly challengeSecret: Secret;
  /** The configuration set of the api's emails, whose CloudWatch events count sends, bounces and complaints. */
  readonly emailConfigurationSet: ConfigurationSet;
  /** The CloudWatch namespace of the functions' own metrics. */
  readonly metricsNamespace: string;
  /** Every alarm, by name; see AlarmSettings for when each goes off. */
  readonly alarms: LatchkeyAlarms;
  /** The dashboard, unless `dashboard: false`. */
  readonly dashboard: Dashboard | undefined;

  constructor(scope: Construct, id: string, props: LatchkeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const sender = senderIdentity(props.magicLinks.senderAddress);
    this.metricsNamespace = metricsNamespace(this, props.metricsNamespace);
    // Checked now, as every setting is, before anything is bundled.
    const alarmSettings = { ...props.alarms, thresholds: alarmThresholds(props.alarms ?? {}) };
    const tracing = props.tracing ? Tracing.ACTIVE : undefined;

    if (props.userPool && props.phoneSignIn !== undefined) {
      throw new Error(
        "Latchkey: phoneSignIn shapes the pool this construct creates; with userPool, set its signInAliases",
      );
    }
    this.userPool = props.userPool ?? this.createUserPool(removalPolicy, props.phoneSignIn ?? false);
    this.userPoolClient = this.userPool.addClient("Client", {
      // Sign-in is CUSTOM_AUTH from the browser, then refresh: no passwords, no SRP, no hosted UI.
      authFlows: { custom: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      disableOAuth: true,
      enableTokenRevocation: true,
      // Only verification (or an admin) may mark an address verified: a user who could would own any address.
      writeAttributes: USER_WRITABLE_ATTRIBUTES,
    });
    const triggerName = triggerFunctionName(this);
    pointTriggersAt(this, this.userPool, triggerName);
    this.table = createTable(this, removalPolicy);

    // Magic links are signed by KMS: the private key never leaves it; verifiers only need the public key.
    this.linkSigningKey = new Key(this, "LinkSigningKey", {
      description: "Signs Latchkey magic links (ECDSA P-256)",
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy,
    });

    // The challenge key must be in the environment at cold start, as core reads its config synchronously
    // at module scope. Secrets Manager generates it (it never appears in the template or in the source)
    // and CloudFormation resolves the dynamic reference when it deploys the functions. The functions get
    // no Secrets Manager permission and make no call for it. Rotating it means redeploying, which only
    // invalidates challenges issued in the last five minutes.
    this.challengeSecret = new Secret(this, "ChallengeSecret", {
      description: "Key of Latchkey's signed passkey challenges",
      // 64 alphanumerics, read by core as base64: 48 bytes, about 380 bits of entropy.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });

    this.emailConfigurationSet = createEmailConfigurationSet(this);
    const environment = lambdaEnvironment(props, {
      region: stack.region,
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      tableName: this.table.tableName,
      kmsKeyArn: this.linkSigningKey.keyArn,
      challengeSecret: this.challengeSecret.secretValue.unsafeUnwrap(),
      emailConfigurationSet: this.emailConfigurationSet.configurationSetName,
      metricsNamespace: this.metricsNamespace,
    });

    const roots = props.passkeys?.attestationRootsFile;
    if (roots) readAttestationRoots(roots); // a malformed file fails the synthesis, not every cold start
    const templates = props.email?.templates && checkEmailTemplates(props.email.templates);
    this.apiFunction = this.createFunction("Api", {
      code: bundledCode(
        templates ? templatedApiEntry(templates) : handlerEntries.api,
        roots ? { [ATTESTATION_ROOTS_FILE]: roots } : {},
      ),
      // Lambda runs in the code's directory, so the relative name finds the copied file.
      environment: roots ? { ...environment, LATCHKEY_ATTESTATION_ROOTS_FILE: ATTESTATION_ROOTS_FILE } : environment,
      timeout: Duration.seconds(10),
      tracing,
      logRetention,
      removalPolicy,
    });
    grantTableAccess(this.apiFunction, this.table, API_TABLE_ACTIONS);
    this.linkSigningKey.grant(this.apiFunction, "kms:Sign");
    grantSendEmail(this.apiFunction, sender, this.emailConfigurationSet.configurationSetName);
    grantSendText(this.apiFunction, props.sms ?? {});
    this.userPool.grant(this.apiFunction, ...API_COGNITO_ACTIONS, ...(props.allowSignUp ? SIGN_UP_ACTIONS : []));

    this.triggerFunction = this.createFunction("Triggers", {
      functionName: triggerName,
      code: bundledCode(handlerEntries.triggers),
      environment,
      // Cognito waits five seconds for a trigger, then fails the sign-in.
      timeout: Duration.seconds(5),
      tracing,
      logRetention,
      removalPolicy,
    });
    grantTableAccess(this.triggerFunction, this.table, TRIGGER_TABLE_ACTIONS);
    // Verifying a link needs the public key only; core fetches it once per container and verifies locally.
    this.linkSigningKey.grant(this.triggerFunction, "kms:GetPublicKey");
    allowCognitoInvoke(this.triggerFunction, this.userPool);

    const { api, stage } = createHttpApi(this, {
      handler: this.apiFunction,
      authorizer: accessTokenAuthorizer(this.userPool, this.userPoolClient),
      allowedOrigins: props.allowedOrigins,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      magicLinkThrottle: props.magicLinkThrottle ?? { rateLimit: 5, burstLimit: 10 },
      smsCodeThrottle: props.smsCodeThrottle ?? { rateLimit: 5, burstLimit: 10 },
      logRetention,
      removalPolicy,
    });
    this.httpApi = api;
    this.apiUrl = stage.url;

    this.adminFunction = this.createFunction("Admin", {
      code: bundledCode(handlerEntries.admin),
      environment: adminEnvironment({
        region: stack.region,
        userPoolId: this.userPool.userPoolId,
        tableName: this.table.tableName,
      }),
      timeout: Duration.seconds(10),
      tracing,
      logRetention,
      removalPolicy,
    });
    grantAdminFunction(this.adminFunction, this.table, this.userPool);
    wireAuditEvents(this, props.auditEvents, [this.apiFunction, this.triggerFunction, this.adminFunction]);
    const admin = createAdminApi(this, { handler: this.adminFunction, logRetention, removalPolicy });
    this.adminApi = admin.api;
    this.adminApiUrl = admin.stage.url;

    const monitored = {
      httpApi: api,
      apiFunction: this.apiFunction,
      triggerFunction: this.triggerFunction,
      adminFunction: this.adminFunction,
      emailConfigurationSet: this.emailConfigurationSet,
      metricsNamespace: this.metricsNamespace,
    };
    this.alarms = new LatchkeyAlarmSet(this, "Alarms", monitored, alarmSettings).alarms;
    this.dashboard =
      props.dashboard === false
        ? undefined
        : createDashboard(this, { ...monitored, alarms: Object.values(this.alarms) });

    // What the browser client's configure() takes.
    new CfnOutput(this, "Region", { value: stack.region, description: "configure({ region })" });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId, description: "configure({ userPoolId })" });
    new CfnOutput(this, "ClientId", {
      value: this.userPoolClient.userPoolClientId,
      description: "configure({ clientId })",
    });
    new CfnOutput(this, "ApiUrl", { value: this.apiUrl, description: "configure({ apiUrl })" });
    new CfnOutput(this, "AdminApiUrl", {
      value: this.adminApiUrl,
      description: "The admin API: SigV4-signed calls by principals allowed execute-api:Invoke (grantAdminApi)",
    });
  }

  /** Lets a support role or user call every route of the admin API (execute-api:Invoke on it). */
  grantAdminApi(grantee: IGrantable): Grant {
    return grantAdminInvoke(this.adminApi, grantee);
  }

  /**
   * Email (and with `phone`, the phone number) is the username attribute, so usernames are opaque UUIDs:
   * safe as passkey user handles.
   */
  private createUserPool(removalPolicy: RemovalPolicy, phone: boolean): UserPool {
    return new UserPool(this, "UserPool", {
      signInAliases: { email: true, phone },
      signInCaseSensitive: false,
      // Users are created by the api (AdminCreateUser) when allowSignUp is on, never by a public SignUp.
      selfSignUpEnabled: false,
      standardAttributes: phone
        ? { email: { required: false, mutable: true }, phoneNumber: { required: false, mutable: true } }
        : { email: { required: true, mutable: true } },
      autoVerify: { email: true, phone },
      // A changed email (or phone number) applies only once its code is verified: until then the verified
      // one stays, and nobody can hold an address they never proved (which sign-in mail would then follow).
      keepOriginal: { email: true, phone },
      // There are no passwords to recover.
      accountRecovery: AccountRecovery.NONE,
      // Nobody signs in with a password (the client allows CUSTOM_AUTH only); Cognito still gives users it
      // creates a random temporary one, which this keeps long and of every character class.
      passwordPolicy: {
        minLength: 16,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      // Access-token customization (pre token generation V2_0, for step-up binding) needs Essentials or Plus.
      featurePlan: FeaturePlan.ESSENTIALS,
      removalPolicy,
    });
  }

  private createFunction(
    id: string,
    options: {
      code: Code;
      environment: Record<string, string>;
      timeout: Duration;
      tracing: Tracing | undefined;
      logRetention: RetentionDays;
      removalPolicy: RemovalPolicy;
      functionName?: string;
    },
  ): LambdaFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: options.logRetention,
      removalPolicy: options.removalPolicy,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs in any group): each function writes its own group only.
    const role = new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    logGroup.grantWrite(role);
    return new LambdaFunction(this, id, {
      role,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: LAMBDA_HANDLER,
      code: options.code,
      environment: options.environment,
      timeout: options.timeout,
      ...(options.tracing && { tracing: options.tracing }),
      // More memory is more CPU: it shortens cold starts and costs little at these durations.
      memorySize: 1024,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      ...(options.functionName && { functionName: options.functionName }),
    });
  }
}
