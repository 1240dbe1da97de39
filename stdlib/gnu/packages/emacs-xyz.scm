;;; Packages of (gnu packages emacs-xyz), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages emacs-xyz)
  #:use-module (gnu packages)
  #:export (emacs-exwm
            emacs-desktop-environment
            emacs-magit
            emacs-org))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
