package dsgen.localstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** AWS SDK v2 clients for the local S3 API server, and the one bucket operation the stack needs. */
final class S3Clients {

  private S3Clients() {}

  /**
   * Path-style (the server has no virtual-host DNS names) and the plain URL-connection HTTP client.
   */
  static S3Client create(URI endpoint, String region, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * Creates the bucket unless it is already there (a persistent data folder keeps it across
   * restarts).
   */
  static boolean ensureBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return false;
    } catch (NoSuchBucketException e) {
      try {
        s3.createBucket(b -> b.bucket(bucket));
        return true;
      } catch (BucketAlreadyOwnedByYouException raced) {
        return false;
      }
    }
  }
}
