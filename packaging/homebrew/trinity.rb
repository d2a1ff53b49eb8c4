# Homebrew formula for trinity: written by `npm run release` from the release's SHA256SUMS; do not edit.
class Trinity < Formula
  desc "Installs the Trinity Method into a project and keeps it up to date"
  homepage "https://github.com/trinity-method/trinity"
  version "0.1.0"

  on_macos do
    on_arm do
      url "https://github.com/trinity-method/trinity/releases/download/v0.1.0/trinity-0.1.0-darwin-arm64.tar.gz"
      sha256 "f3bcfd94eb5d622089d692a539de66ce14ed4ddc434b6dde833619549884bb21"
    end
    on_intel do
      url "https://github.com/trinity-method/trinity/releases/download/v0.1.0/trinity-0.1.0-darwin-x64.tar.gz"
      sha256 "e7d52efffdc0650b771ce9ef6da4f5ce48e1e440647d4f08ddc77b118abb067a"
    end
  end

  on_linux do
    on_arm do
      url "https://github.com/trinity-method/trinity/releases/download/v0.1.0/trinity-0.1.0-linux-arm64.tar.gz"
      sha256 "9ca89455b71041cf064e0c52864161413197d40611cdc75f521a6462382ebf94"
    end
    on_intel do
      url "https://github.com/trinity-method/trinity/releases/download/v0.1.0/trinity-0.1.0-linux-x64.tar.gz"
      sha256 "55b74714e5666485e80f5a99f8f7cf77754ba1e89ba5cf0ab2eacad2954e132f"
    end
  end

  def install
    bin.install "trinity"
    generate_completions_from_executable(bin/"trinity", "completions")
  end

  test do
    assert_match "trinity #{version}", shell_output("#{bin}/trinity --version")
  end
end
