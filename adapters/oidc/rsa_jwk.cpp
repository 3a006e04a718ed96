// RSA keys through OpenSSL 3's EVP interfaces: generation, PEM, and the JWK's n and e both ways.
#include "adapters/oidc/rsa_jwk.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <stdexcept>

#include "adapters/oidc/base64url.hpp"

namespace ow::oidc {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Num = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string public_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) throw std::runtime_error("could not write a public key");
  return bio_text(bio.get());
}

std::string number_param(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("the RSA key has no parameter");
  Num bn(raw, BN_free);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return base64url(bytes);
}

Num number_of(const std::string& b64) {
  const auto bytes = base64url_decode(b64);
  if (!bytes || bytes->empty()) throw std::invalid_argument("a JWK number is not base64url");
  Num bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), static_cast<int>(bytes->size()), nullptr),
         BN_free);
  if (!bn) throw std::invalid_argument("a JWK number could not be read");
  return bn;
}

}  // namespace

RsaKeyPair make_rsa_key() {
  Key key(EVP_RSA_gen(2048), EVP_PKEY_free);
  if (!key) throw std::runtime_error("OpenSSL could not make an RSA key");
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("could not write the private key");
  return {bio_text(bio.get()), public_pem(key.get()), number_param(key.get(), OSSL_PKEY_PARAM_RSA_N),
          number_param(key.get(), OSSL_PKEY_PARAM_RSA_E)};
}

boost::json::object public_jwk(const RsaKeyPair& key, const std::string& kid) {
  return {{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", kid}, {"n", key.n}, {"e", key.e}};
}

std::string pem_of_jwk(const std::string& n, const std::string& e) {
  Num bn_n = number_of(n), bn_e = number_of(e);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
    throw std::invalid_argument("the JWK could not be read");
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    throw std::invalid_argument("the JWK is not an RSA public key");
  Key key(raw, EVP_PKEY_free);
  return public_pem(key.get());
}

}  // namespace ow::oidc
