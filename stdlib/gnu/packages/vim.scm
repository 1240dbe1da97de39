;;; Packages of (gnu packages vim), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages vim)
  #:use-module (gnu packages)
  #:export (vim
            neovim))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
